// Node's spec output, then one closing line `N passed, N failed, N skipped` that log readers can count.
import { Readable } from 'node:stream';
import { spec as Spec } from 'node:test/reporters';

export default async function* reporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  async function* counted() {
    for await (const event of source) {
      if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.details?.type !== 'suite') {
        if (event.data.skip || event.data.todo) counts.skipped++;
        else if (event.type === 'test:pass') counts.passed++;
        else counts.failed++;
      }
      yield event;
    }
  }
  for await (const chunk of Readable.from(counted()).pipe(new Spec())) yield chunk;
  yield `\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
}
