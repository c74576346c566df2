#!/usr/bin/env node
import { launch } from '@tributary/cdk';
import { TasksSource } from './source.js';

await launch(new TasksSource());
