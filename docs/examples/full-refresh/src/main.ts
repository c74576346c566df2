#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { LibrarySource } from './source.js';

await launch(new LibrarySource());
