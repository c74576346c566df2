#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { SensorsSource } from './source.js';

await launch(new SensorsSource());
