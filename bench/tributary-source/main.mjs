#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { BenchSource } from './source.mjs';

await launch(new BenchSource());
