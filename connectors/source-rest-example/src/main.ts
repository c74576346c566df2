#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { RestExampleSource } from './source.js';

await launch(new RestExampleSource());
