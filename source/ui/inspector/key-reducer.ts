// Keys resolved against the state they arrive in. Over a slow SSH link several keys often come in one read
// ("ll"); resolving each inside the reducer means `z` then `l` moves within the zoom, as typed.
import { reducer, type Action, type InspectorState, type LayerGeometry } from '../../state/inspector.js';
import { commandFor, type Command, type KeyName } from '../keymap.js';

export type UiAction = Action | { type: 'key'; name: KeyName; geometry: LayerGeometry };

export function keyReducer(state: InspectorState, action: UiAction): InspectorState {
  if (action.type !== 'key') return reducer(state, action);
  const command = commandFor(action.name, state);
  return command ? reducer(state, actionFor(command, action.geometry)) : state;
}

export function actionFor(command: Command, geometry: LayerGeometry): Action {
  switch (command) {
    case 'nextPage':
    case 'prevPage':
    case 'zoom':
      return { type: command, geometry };
    case 'moveLeft':
      return { type: 'move', dx: -1, dy: 0, geometry };
    case 'moveRight':
      return { type: 'move', dx: 1, dy: 0, geometry };
    case 'moveUp':
      return { type: 'move', dx: 0, dy: -1, geometry };
    case 'moveDown':
      return { type: 'move', dx: 0, dy: 1, geometry };
    default:
      return { type: command };
  }
}
