import { Box, useApp, useInput } from 'ink';
import React, { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { History } from '../../history/types.js';
import type { ColorLevel } from '../../render/color-level.js';
import type { ColormapName } from '../../render/colormap.js';
import { FrameCache } from '../../render/frame-cache.js';
import { renderInputLines } from '../../render/input-frame.js';
import { MIN_AREA, type Frame } from '../../render/layer-frame.js';
import { chartLines, loadHistory, type ChartsData } from '../../services/charts-data.js';
import type { InspectSession, Sample } from '../../services/inspect-session.js';
import { initialState, type InspectorState, type LayerGeometry } from '../../state/inspector.js';
import { displayPath } from '../../render/format.js';
import { usePrefetch } from '../hooks/usePrefetch.js';
import { useTerminalSize, type Size } from '../hooks/useTerminalSize.js';
import { keyNamesOf } from '../keymap.js';
import { keyReducer } from './key-reducer.js';
import { ChartsPane } from './ChartsPane.js';
import { FeatureMaps } from './FeatureMaps.js';
import { Header } from './Header.js';
import { HelpBar, HelpScreen } from './HelpBar.js';

export interface InspectorProps {
  session: InspectSession;
  first: Sample;
  colormap: ColormapName;
  level: ColorLevel;
  patience: number;
  startLayer?: number;
  size?: Partial<Size>;
  /** Called once each frame is computed (the benchmark listens to it). */
  onFrame?: (info: { layer: number; sampleId: number }) => void;
}

const HEADER_ROWS = 3;
const FOOTER_ROWS = 1;

export function InspectorApp({ session, first, colormap, level, patience, startLayer = 0, size: fixedSize, onFrame }: InspectorProps) {
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const [state, dispatch] = useReducer(keyReducer, initialState(session.layers.length, startLayer, session.layers.map((l) => l.shape.length === 3)));
  const [sample, setSample] = useState(first);
  const [loading, setLoading] = useState(false);
  const [history, setHistory] = useState<History | null | 'none' | { error: string }>(null);
  const cache = useRef(new FrameCache()).current;

  const area = { cols: size.columns, rows: Math.max(0, size.rows - HEADER_ROWS - FOOTER_ROWS - 1) };
  const activation = sample.activations[state.layer]!;
  const frame = useMemo(
    () => cache.get({ sampleId: sample.id, layer: state.layer, page: state.page, zoom: state.zoom, cols: area.cols, rows: area.rows, colormap, level }, activation),
    [sample.id, state.layer, state.page, state.zoom, area.cols, area.rows, colormap, level],
  );
  const inputFrame: Frame | null = useMemo(() => {
    if (state.view !== 'input') return null;
    const { width, height, channels } = sample.input;
    return {
      lines: renderInputLines(sample.input, area.cols, area.rows, level),
      width: area.cols,
      tooSmall: area.cols < MIN_AREA.cols || area.rows < MIN_AREA.rows,
      layout: null,
      caption: `input ${width}×${height}×${channels} as the model sees it · original ${sample.originalSize.join('×')}`,
    };
  }, [state.view, sample.id, area.cols, area.rows, level]);
  const geometry: LayerGeometry = {
    pageCount: frame.layout?.pageCount ?? 1,
    perPage: frame.layout?.perPage ?? 1,
    gridCols: frame.layout?.gridCols ?? 1,
    filters: activation.layer.shape.length === 3 ? activation.layer.shape[2]! : 0,
  };

  useEffect(() => onFrame?.({ layer: state.layer, sampleId: sample.id }), [frame]);
  usePrefetch(cache, sample, area, colormap, level);
  useEffect(() => dispatch({ type: 'clampPage', geometry }), [geometry.pageCount]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit]);

  // `r`: decode, resize and run the forward pass off the render path; the old image stays until ready.
  useEffect(() => {
    if (state.sampleRequest === 0) return;
    let cancelled = false;
    setLoading(true);
    session.resample().then(
      (next) => {
        if (!cancelled) {
          setSample(next);
          setLoading(false);
        }
      },
      () => !cancelled && setLoading(false),
    );
    return () => {
      cancelled = true;
    };
  }, [state.sampleRequest]);

  // The history is read once, the first time the charts view is opened.
  useEffect(() => {
    if (state.view !== 'charts' || history !== null) return;
    if (!session.historyPath) return setHistory('none');
    loadHistory(session.historyPath).then(setHistory, (e: Error) => setHistory({ error: e.message }));
  }, [state.view]);
  const charts: ChartsData | null | 'none' = useMemo(() => {
    if (history === null || history === 'none' || 'error' in history) return history as ChartsData | null | 'none';
    return chartLines(history, session.historyPath!, area, level, patience);
  }, [history, area.cols, area.rows, level]);

  useInput((input, key) => {
    for (const name of keyNamesOf(input, key)) dispatch({ type: 'key', name, geometry });
  });

  const modelName = `${displayPath(session.loaded.file.replace(/\/model\.json$/, ''))} (${session.loaded.format})`;
  const backend = session.backend.native ? `tensorflow ${session.backend.tensorflowVersion}` : `${session.backend.backend} (slow fallback)`;
  // Text rows first (Ink's region), the picture below them (painted by the image layer when present).
  return (
    <Box flexDirection="column" width={size.columns}>
      <Header modelName={modelName} backend={backend} sample={sample} activation={activation} layerCount={state.layerCount} loading={loading} />
      <HelpBar state={state} caption={state.view === 'charts' ? 'charts' : (inputFrame ?? frame).caption} width={size.columns} />
      {state.help ? <Box height={area.rows}><HelpScreen /></Box>
        : state.view === 'charts' ? <ChartsPane charts={charts} rows={area.rows} />
        : inputFrame ? <FeatureMaps frame={inputFrame} rows={area.rows} top={HEADER_ROWS + FOOTER_ROWS + 1} />
        : <FeatureMaps frame={frame} rows={area.rows} top={HEADER_ROWS + FOOTER_ROWS + 1} />}
    </Box>
  );
}

export type { InspectorState };
