import { acceptanceTests } from '@tributary/cdk/testing';
import { TasksSource } from '../../http-api/src/index.js';
import { API_KEY, startTasksApi, type TasksApi } from '../../http-api/test/tasks-api.js';

// #region acceptance
// The conformance suite, against the example's local Tasks API: spec, check, discover, full
// refresh, incremental reads and the protocol, one test each.
let api: TasksApi;

acceptanceTests(() => new TasksSource(), {
  name: 'tasks',
  before: async () => {
    api = await startTasksApi();
  },
  after: () => api.close(),
  config: () => ({ api_url: api.url, api_key: API_KEY }), // called after before(), once the API is up
  invalidConfig: { api_url: 'not a url' },
});
// #endregion acceptance
