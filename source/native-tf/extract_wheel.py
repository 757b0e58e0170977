"""Extract what tfjs-node's addon needs from a TensorFlow wheel (or an installed tensorflow package).

usage: extract_wheel.py SOURCE OUT_DIR BINDING_DIR
SOURCE is a .whl file or the folder of an installed `tensorflow` package.
Writes OUT_DIR/lib/libtensorflow_cc.so.2, OUT_DIR/lib/libtensorflow_framework.so.2 and only the C headers
the binding includes, followed transitively (the wheel's include tree is 268 MB; the closure is ~300 KB).
"""
import glob, os, re, shutil, sys, zipfile

source, out, binding = sys.argv[1:4]
INCLUDE = re.compile(rb'^\s*#\s*include\s+"([^"]+)"', re.M)
LIBS = ("libtensorflow_cc.so.2", "libtensorflow_framework.so.2")

if os.path.isdir(source):
    def read(rel): return open(os.path.join(source, rel), "rb").read()
    def exists(rel): return os.path.isfile(os.path.join(source, rel))
    def copy_lib(rel, dest): shutil.copyfile(os.path.join(source, rel), dest)
    prefix = ""
else:
    wheel = zipfile.ZipFile(source)
    names = set(wheel.namelist())
    def read(rel): return wheel.read(rel)
    def exists(rel): return rel in names
    def copy_lib(rel, dest):
        with wheel.open(rel) as src, open(dest, "wb") as dst: shutil.copyfileobj(src, dst, 1 << 22)
    prefix = "tensorflow/"

os.makedirs(os.path.join(out, "lib"), exist_ok=True)
for lib in LIBS:
    if not exists(prefix + lib):
        sys.exit(f"{source} has no {lib}: not a TensorFlow 2.x CPU wheel for this platform")
    copy_lib(prefix + lib, os.path.join(out, "lib", lib))

todo = [m.decode() for f in glob.glob(os.path.join(binding, "*")) for m in INCLUDE.findall(open(f, "rb").read())]
seen = set()
while todo:
    header = todo.pop()
    rel = prefix + "include/" + header
    if header in seen or not exists(rel):
        continue
    seen.add(header)
    data = read(rel)
    dest = os.path.join(out, "include", header)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    open(dest, "wb").write(data)
    todo += [m.decode() for m in INCLUDE.findall(data)]
if "tensorflow/c/c_api.h" not in seen:
    sys.exit(f"{source} has no include/tensorflow/c/c_api.h")
print(len(seen))
