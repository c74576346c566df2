#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { ShopSource } from './source.js';

await launch(new ShopSource());
