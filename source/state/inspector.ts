// The inspector's state and the one pure reducer that changes it. Sizes that depend on the window
// (how many pages a layer has, how many tiles per row) arrive with the actions that need them.

export type View = 'maps' | 'charts' | 'input';

export interface InspectorState {
  view: View;
  help: boolean;
  layer: number;
  layerCount: number;
  /** Which layers have feature maps (a filter grid to page and zoom); the others are vectors. */
  mapLayers: boolean[];
  page: number;
  /** Index of the zoomed filter within the layer, or null for the grid. */
  zoom: number | null;
  /** Bumped by `resample`: the UI loads a new random image when it changes. */
  sampleRequest: number;
  quit: boolean;
}

export interface LayerGeometry {
  pageCount: number;
  perPage: number;
  gridCols: number;
  filters: number; // 0 for vector layers
}

export type Action =
  | { type: 'nextLayer' }
  | { type: 'prevLayer' }
  | { type: 'nextPage'; geometry: LayerGeometry }
  | { type: 'prevPage'; geometry: LayerGeometry }
  | { type: 'zoom'; geometry: LayerGeometry }
  | { type: 'move'; dx: number; dy: number; geometry: LayerGeometry }
  | { type: 'back' }
  | { type: 'resample' }
  | { type: 'toggleCharts' }
  | { type: 'toggleInput' }
  | { type: 'toggleHelp' }
  | { type: 'quit' }
  | { type: 'clampPage'; geometry: LayerGeometry };

export function initialState(layerCount: number, layer = 0, mapLayers: boolean[] = Array(layerCount).fill(true)): InspectorState {
  return { view: 'maps', help: false, layer: clamp(layer, 0, layerCount - 1), layerCount, mapLayers, page: 0, zoom: null, sampleRequest: 0, quit: false };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function toLayer(state: InspectorState, layer: number): InspectorState {
  const next = clamp(layer, 0, state.layerCount - 1);
  return next === state.layer ? state : { ...state, layer: next, page: 0, zoom: null };
}

export function reducer(state: InspectorState, action: Action): InspectorState {
  switch (action.type) {
    case 'nextLayer':
      return toLayer(state, state.layer + 1);
    case 'prevLayer':
      return toLayer(state, state.layer - 1);
    case 'nextPage':
      return { ...state, page: clamp(state.page + 1, 0, action.geometry.pageCount - 1) };
    case 'prevPage':
      return { ...state, page: clamp(state.page - 1, 0, action.geometry.pageCount - 1) };
    case 'clampPage': {
      const page = clamp(state.page, 0, Math.max(0, action.geometry.pageCount - 1));
      return page === state.page ? state : { ...state, page };
    }
    case 'zoom': {
      if (state.zoom !== null || action.geometry.filters === 0) return state;
      // Zoom on the first filter of the page being looked at.
      return { ...state, zoom: Math.min(action.geometry.filters - 1, state.page * action.geometry.perPage) };
    }
    case 'move': {
      if (state.zoom === null) return state;
      const { gridCols, filters, perPage } = action.geometry;
      const zoom = clamp(state.zoom + action.dx + action.dy * gridCols, 0, filters - 1);
      return { ...state, zoom, page: perPage > 0 ? Math.floor(zoom / perPage) : state.page };
    }
    case 'back':
      if (state.help) return { ...state, help: false };
      if (state.zoom !== null) return { ...state, zoom: null };
      if (state.view !== 'maps') return { ...state, view: 'maps' };
      return { ...state, quit: true };
    case 'resample':
      return { ...state, sampleRequest: state.sampleRequest + 1, zoom: null };
    case 'toggleCharts':
      return { ...state, view: state.view === 'charts' ? 'maps' : 'charts', zoom: null };
    case 'toggleInput':
      return { ...state, view: state.view === 'input' ? 'maps' : 'input', zoom: null };
    case 'toggleHelp':
      return { ...state, help: !state.help };
    case 'quit':
      return { ...state, quit: true };
  }
}
