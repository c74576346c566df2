#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { AcmeSource } from './source.js';

await launch(new AcmeSource());
