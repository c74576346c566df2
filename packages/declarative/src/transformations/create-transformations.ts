// Builds a stream's transformations from the manifest, as the CDK's factory does.
import { ConnectorError } from '@tributary/cdk';
import type {
  AddFields as AddFieldsModel,
  DpathFlattenFields as DpathFlattenFieldsModel,
  FlattenFields as FlattenFieldsModel,
  KeysReplace as KeysReplaceModel,
  RemoveFields as RemoveFieldsModel,
} from '../components/component-types.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { AddFields } from './add-fields.js';
import { DpathFlattenFields } from './dpath-flatten-fields.js';
import { FlattenFields } from './flatten-fields.js';
import { KeysReplace } from './keys-replace.js';
import { KeysToLower } from './keys-to-lower.js';
import { KeysToSnakeCase } from './keys-to-snake-case.js';
import { RemoveFields } from './remove-fields.js';
import type { RecordTransformation } from './transformation.js';

type TransformationModel = { type: string; [field: string]: unknown };

/** The transformation a manifest describes (AddFields, RemoveFields, …), compiled once. */
export function createTransformation(model: TransformationModel, env: ComponentEnvironment): RecordTransformation {
  switch (model.type) {
    case 'AddFields':
      return new AddFields(model as AddFieldsModel, env);
    case 'RemoveFields':
      return new RemoveFields(model as RemoveFieldsModel, env);
    case 'KeysToLower':
      return new KeysToLower();
    case 'KeysToSnakeCase':
      return new KeysToSnakeCase();
    case 'KeysReplace':
      return new KeysReplace(model as KeysReplaceModel, env);
    case 'FlattenFields':
      return new FlattenFields((model as FlattenFieldsModel).flatten_lists !== false);
    case 'DpathFlattenFields':
      return new DpathFlattenFields(model as DpathFlattenFieldsModel, env);
    default:
      throw ConnectorError.config(`Transformation ${model.type} cannot run in Tributary (custom Python components are not supported)`);
  }
}

/** A stream's transformations, in the order the manifest lists them. */
export function createTransformations(
  models: readonly TransformationModel[] | undefined,
  env: ComponentEnvironment,
): RecordTransformation[] {
  return (models ?? []).map((model) => createTransformation(model, env));
}
