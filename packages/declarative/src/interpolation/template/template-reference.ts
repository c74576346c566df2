// Jinja's `self` inside a template: a reference to the template's blocks. Without template
// inheritance there are no blocks to reach, so every lookup on it is undefined.
import { PyObject } from '../values/object.js';

class TemplateReference extends PyObject {
  get pyType(): string {
    return 'TemplateReference';
  }
  override get pyQualType(): string {
    return 'jinja2.runtime.TemplateReference';
  }
  repr(): string {
    return '<TemplateReference None>';
  }
}

export const TEMPLATE_REFERENCE = new TemplateReference();
