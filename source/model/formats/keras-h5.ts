// Keras legacy HDF5 (.h5/.hdf5), as written by `model.save('x.h5')` in Keras 2 and Keras 3: the root attribute
// `model_config` holds the model's JSON config, the group `model_weights/<layer>` holds each layer's weights,
// listed in order by its `weight_names` attribute (paths relative to the layer's group, e.g. 'conv2d/kernel:0'
// in Keras 2, 'sequential/conv2d/kernel' for a Keras 3 Sequential). Read in memory; no Python involved.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ModelFormat } from './types.js';
import { KerasConfigError, translateModelConfig } from './keras/config.js';
import { asModelLoadError, buildKerasModel, type LayerWeights } from './keras/build.js';
import { getEntity, isDataset, isGroup, readFloat32, stringAttr, stringListAttr, withHdf5, type H5Group } from './keras/hdf5.js';

export const kerasH5: ModelFormat = {
  name: 'keras-h5',
  claims: (path) => /\.(h5|hdf5)$/i.test(path) && existsSync(path) && statSync(path).isFile(),
  async load(tf, path) {
    const file = path;
    try {
      const bytes = readFileSync(file);
      const { translated, weights } = await withHdf5(bytes, (h5) => {
        const json = stringAttr(h5, 'model_config');
        if (json === null) {
          const weightsOnly = stringListAttr(h5, 'layer_names') !== null || isGroup(getEntity(h5, 'layers')) ||
            isGroup(getEntity(h5, 'model_weights'));
          throw new KerasConfigError(weightsOnly
            ? 'this file holds only weights, no model config (model.save_weights?); convscope needs the whole model, saved with model.save()'
            : 'no model_config attribute: not a Keras model file');
        }
        let config: unknown;
        try {
          config = JSON.parse(json);
        } catch {
          throw new KerasConfigError('model_config is not valid JSON');
        }
        const translated = translateModelConfig(config, stringAttr(h5, 'keras_version'));
        const group = getEntity(h5, 'model_weights');
        if (!isGroup(group)) throw new KerasConfigError('no model_weights group: the file holds no weights');
        return { translated, weights: readLegacyWeights(group) };
      });
      const model = await buildKerasModel(tf, file, translated, weights);
      return { model, metadata: {}, file };
    } catch (error) {
      throw asModelLoadError(file, error);
    }
  },
};

function readLegacyWeights(group: H5Group): LayerWeights {
  const weights: LayerWeights = new Map();
  const names = stringListAttr(group, 'layer_names') ?? group.keys();
  for (const layer of names) {
    const layerGroup = getEntity(group, layer);
    if (!isGroup(layerGroup)) continue; // a missing group is reported when the model needs its weights
    const weightNames = stringListAttr(layerGroup, 'weight_names') ?? [];
    weights.set(layer, weightNames.map((name) => {
      const dataset = getEntity(layerGroup, name);
      if (!isDataset(dataset)) throw new KerasConfigError(`weight ${name} of layer '${layer}' is missing from the file`);
      return { label: name, ...readFloat32(dataset) };
    }));
  }
  return weights;
}
