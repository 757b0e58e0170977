// Finding images and their classes the way Keras's flow_from_directory does: a class is a sub-folder,
// class names are sorted, and a cats_and_dogs-style root (train/ and validation/ inside) is understood.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';

export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.bmp', '.tif', '.tiff', '.avif']);

export class DatasetError extends Error {}

export interface ImageEntry {
  path: string;
  /** Index into classNames when the image lies in a class folder. */
  label: number | null;
}

export interface ImageFolder {
  root: string;
  classNames: string[];
  /** Folder per class, used for labels; empty for a flat folder. */
  images: ImageEntry[];
  skipped: number; // non-image files seen
}

export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DatasetError(`${dir}: no such folder`);
    if (code === 'ENOTDIR') throw new DatasetError(`${dir}: not a folder`);
    if (code === 'EACCES') throw new DatasetError(`${dir}: permission denied`);
    throw error;
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0); // Python's sorted(): code points

/**
 * Class folders of `dir` as flow_from_directory sees them: its sub-folders, sorted.
 * Returns [] when `dir` has no sub-folders.
 */
export function classFolders(dir: string): string[] {
  return listDir(dir).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort(byName);
}

/** Every image below `dir` (recursive, symlinks followed once), in a stable order. */
function walkImages(dir: string, out: string[], counter: { skipped: number }, depth = 0): void {
  if (depth > 32) return;
  for (const entry of listDir(dir).sort((a, b) => byName(a.name, b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = statSync(path);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (isDir) walkImages(path, out, counter, depth + 1);
    else if (isFile && isImageFile(entry.name)) out.push(path);
    else if (isFile) counter.skipped++;
  }
}

/**
 * Opens an images folder: the cats_and_dogs layout (train|validation/<class>/), a folder of class folders,
 * or any tree of images. Class names come from the train/ (or validation/) class folders when present.
 */
export function openImageFolder(dir: string): ImageFolder {
  const root = resolve(dir);
  let st;
  try {
    st = statSync(root);
  } catch {
    throw new DatasetError(`${dir}: no such folder`);
  }
  if (!st.isDirectory()) throw new DatasetError(`${dir}: not a folder (use --image for a single file)`);
  const top = classFolders(root);
  const split = top.includes('train') ? 'train' : top.includes('validation') ? 'validation' : null;
  const classRoot = split ? join(root, split) : root;
  const classNames = classFolders(classRoot).filter((name) => split || hasImagesDirectly(join(classRoot, name)));
  const paths: string[] = [];
  const counter = { skipped: 0 };
  walkImages(root, paths, counter);
  if (paths.length === 0) throw new DatasetError(`${dir}: no images found (looked for ${[...IMAGE_EXTENSIONS].join(' ')})`);
  const images = paths.map((path) => ({ path, label: labelFromFolder(root, path, classNames) }));
  return { root, classNames, images, skipped: counter.skipped };
}

function hasImagesDirectly(dir: string): boolean {
  return listDir(dir).some((e) => e.isFile() && isImageFile(e.name));
}

function labelFromFolder(root: string, path: string, classNames: string[]): number | null {
  const parts = relative(root, dirname(path)).split(sep);
  for (let i = parts.length - 1; i >= 0; i--) {
    const index = classNames.indexOf(parts[i]!);
    if (index >= 0) return index;
  }
  return null;
}

/**
 * The true label of an image outside class folders, when its file name starts with a class name
 * or its singular ("cat-chelsea.jpg" → "cats"), as in the cats_and_dogs file names (cat.0.jpg).
 */
export function labelFromFileName(path: string, classNames: string[]): number | null {
  const name = basename(path).toLowerCase();
  const matches = classNames
    .map((c, i) => ({ i, stems: [c.toLowerCase(), c.toLowerCase().replace(/s$/, '')] }))
    .filter(({ stems }) => stems.some((s) => s.length > 0 && new RegExp(`^${escape(s)}(?![a-z])`).test(name)));
  return matches.length === 1 ? matches[0]!.i : null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
