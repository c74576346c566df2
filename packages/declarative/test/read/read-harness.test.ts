/**
 * Read parity with the Python CDK (v7.28.2), measured by the corpus's differential read harness:
 * Tributary's `source-declarative-manifest` runs discover and the full, incremental and resumed
 * reads of golden connectors against the harness's loopback API under a frozen clock, and its
 * requests, records, final states and statuses must stay identical to the Python CDK's wherever
 * they were (`read-harness-expected.json`, next to this file; the differences left are explained
 * in KNOWN_DIFFERENCES.md).
 *
 * By default a fixed subset runs (every component type and option the golden manifests use, a
 * couple of minutes); `TRIBUTARY_READ_HARNESS=all` runs all golden connectors (15 minutes and
 * more on two cores) and also checks the identical count against the recorded baseline. The
 * harness needs Debian's `faketime` and the port 18777, which no other test uses.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeDifference, goldenConnectors, harnessSkipReason, missingPrerequisite, runHarness } from '../helpers/read-harness.js';

interface Expected {
  /** Connectors identical to the Python CDK's golden reads in the recorded full run. */
  identical: string[];
  /** How many golden connectors the recorded full run compared. */
  golden: number;
  /** The connectors that were not identical, each with its reason (KNOWN_DIFFERENCES.md explains them). */
  differences: Record<string, string>;
  /** The default subset. */
  subset: string[];
}

const expected = JSON.parse(readFileSync(new URL('./read-harness-expected.json', import.meta.url), 'utf8')) as Expected;
const skip = harnessSkipReason();
const all = process.env.TRIBUTARY_READ_HARNESS === 'all';

describe('read parity with the Python CDK through the differential read harness', { skip }, () => {
  test(all ? 'every golden connector' : 'the representative subset of golden connectors', async () => {
    const missing = await missingPrerequisite();
    assert.equal(missing, undefined, missing);
    const connectors = all ? goldenConnectors() : expected.subset;
    if (all) {
      const recorded = [...expected.identical, ...Object.keys(expected.differences)].sort();
      assert.deepEqual(connectors, recorded, 'the golden connectors changed; record a new baseline');
      assert.equal(connectors.length, expected.golden);
    }
    const out = mkdtempSync(join(tmpdir(), 'tributary-read-harness-'));
    const rows = await runHarness(connectors, out);
    assert.equal(rows.length, connectors.length);
    const identical = new Set(rows.filter((row) => row.identical).map((row) => row.connector));
    const mustStay = expected.identical.filter((connector) => connectors.includes(connector));
    const regressed = rows.filter((row) => mustStay.includes(row.connector) && !identical.has(row.connector));
    assert.deepEqual(
      regressed.map(describeDifference),
      [],
      `connectors no longer identical to the Python CDK's reads (outputs kept in ${out}; compare with node run.mjs compare)`,
    );
    assert.ok(identical.size >= mustStay.length, `${identical.size} identical, the baseline is ${mustStay.length}`);
    rmSync(out, { recursive: true, force: true });
  });
});
