#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { FakerSource } from './source.js';

await launch(new FakerSource());
