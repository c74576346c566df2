import { ConnectorError, HttpClient, joinUrl, type Logger, Source, type Stream } from '@tributary/cdk';
import { apiSettings, type RestExampleConfig } from './config.js';
import { Comments } from './streams/comments.js';
import { Posts } from './streams/posts.js';
import { Todos } from './streams/todos.js';
import { Users } from './streams/users.js';

/** A json-server style REST API: users, todos, posts (incremental) and their comments (a sub-stream). */
export class RestExampleSource extends Source<RestExampleConfig> {
  async checkConnection(config: RestExampleConfig, logger: Logger): Promise<void> {
    const api = apiSettings(config);
    const client = new HttpClient({ timeoutMs: 30_000, retry: { maxRetries: 2 } });
    const response = await client.send({ url: joinUrl(api.baseUrl, 'posts?_limit=1') }, { authenticator: api.authenticator, logger });
    if (!Array.isArray(await response.json())) {
      throw ConnectorError.config(`${api.baseUrl}/posts did not answer with a JSON array: is base_url the root of the API?`);
    }
  }

  streams(config: RestExampleConfig): Stream<object>[] {
    const api = apiSettings(config);
    return [new Users(api), new Todos(api), new Posts(api), new Comments(api)];
  }
}
