#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { StatusPageSource } from './source.js';

await launch(new StatusPageSource());
