import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { createTrainEventHub } from '../../source/train/events.js';
import { TrainView } from '../../source/ui/train/TrainView.js';
import { batchEvent, doneEvent, epochEndEvent, startEvent } from './fixtures/fake-events.js';

const tick = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

test('the training view shows epoch/step progress, then the charts after an epoch ends', async () => {
  const hub = createTrainEventHub();
  hub.emit(startEvent); // sent before the view subscribed: replayed
  const { lastFrame, unmount } = render(<TrainView events={hub} width={90} height={34} colorLevel={0} />);
  try {
    hub.emit({ type: 'epoch-start', epoch: 1, epochs: 2 });
    hub.emit(batchEvent(1, 1));
    hub.emit(batchEvent(1, 2));
    await tick();
    let frame = lastFrame()!;
    assert.match(frame, /cats vs dogs · 2000 train \/ 1000 val · 150×150 · batch 20/);
    assert.match(frame, /epoch 1\/2 ░+ run ETA 30s/);
    assert.match(frame, /step {2}2\/4 █+░+ ETA 2s +123\.4 img\/s/);
    assert.match(frame, /loss 0\.6800 {2}acc 0\.5200/);
    assert.match(frame, /charts appear after the first epoch/);
    assert.ok(frame.split('\n').every((line) => line.length <= 90), 'fits the width');

    hub.emit({ type: 'skipped', split: 'train', file: 'train/cats/x.jpg', reason: 'cannot decode image', total: 1 });
    hub.emit({ type: 'validation-start', epoch: 1, steps: 2 });
    hub.emit({ type: 'validation-batch', epoch: 1, step: 1, steps: 2 });
    await tick();
    assert.match(lastFrame()!, /validation 1\/2 █+░+/);
    hub.emit(epochEndEvent(1));
    await tick(20);
    frame = lastFrame()!;
    assert.match(frame, /│ epoch 1: loss 0\.690 acc 0\.550 val_loss 0\.660 val_acc 0\.600 13s/);
    assert.match(frame, /skipped 1 file \(last: train\/cats\/x\.jpg: cannot decode image\)/);
    assert.match(frame, /accuracy/);
    assert.match(frame, /loss/);
    assert.doesNotMatch(frame, /charts appear after/);
    assert.ok(frame.split('\n').length <= 34, 'fits the height');

    hub.emit({ type: 'stopping' });
    await tick(20);
    assert.match(lastFrame()!, /stopping: finishing the current batch, saving…/);
    hub.emit(epochEndEvent(2));
    hub.emit(doneEvent());
    await tick(20);
    assert.match(lastFrame()!, /finished; model in \/runs\/seed\/model/);
  } finally {
    unmount();
  }
});
