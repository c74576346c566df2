// The benchmark's synthetic records (the shape given in issue 3). Record `i` depends only on `i`,
// so every case, in any process, produces exactly the same data.

const STATUSES = ['open', 'in_progress', 'blocked', 'done'];
const EPOCH_MS = Date.UTC(2024, 0, 1);

/** The stream every benchmark connector reads. */
export const STREAM_NAME = 'bench_records';

/** Record number `i` (a non-negative integer). */
export function makeRecord(i) {
  const ownerId = i % 997;
  return {
    id: i,
    uid: `rec-${i.toString(36).padStart(6, '0')}`,
    title: `Synthetic record number ${i}`,
    owner_email: `user${i % 5000}@example.com`,
    status: STATUSES[i % 4],
    priority: i % 5,
    score: (i % 10007) / 100,
    is_active: i % 2 === 0,
    updated_at: new Date(EPOCH_MS + i * 1000).toISOString(),
    meta: { shard: i % 16, source: 'synthetic', owner: { id: ownerId, login: `login_${ownerId}` } },
  };
}

/** Records 0 … count-1, in order. */
export function* generateRecords(count) {
  for (let i = 0; i < count; i++) yield makeRecord(i);
}
