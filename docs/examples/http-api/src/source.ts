import { ApiKeyAuthenticator, HttpClient, joinUrl, Source, type Stream } from '@tributary/cdk';
import type { TasksConfig } from './config.js';
import { Projects } from './streams/projects.js';
import { Tasks } from './streams/tasks.js';

// #region source
export class TasksSource extends Source<TasksConfig> {
  /** One cheap authenticated call: a wrong key fails here with the API's own answer. */
  async checkConnection(config: TasksConfig): Promise<void> {
    const client = new HttpClient({ retry: { maxRetries: 1 } });
    const authenticator = new ApiKeyAuthenticator({ key: config.api_key, header: 'X-Api-Key' });
    await client.send({ url: joinUrl(config.api_url, 'me') }, { authenticator });
  }

  streams(config: TasksConfig): Stream<object>[] {
    return [new Projects(config), new Tasks(config)];
  }
}
// #endregion source
