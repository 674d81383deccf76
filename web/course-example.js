// The example course page drives its first figure through PoolLab's API.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const figure = document.getElementById('steps-figure');
  const status = document.getElementById('status');
  document.getElementById('play').addEventListener('click', () => figure.poollab.play());
  document.getElementById('step').addEventListener('click', () => figure.poollab.step(1));
  figure.addEventListener('poollab-state', (e) => {
    const step = /(?:^|&)step=(\d+)/.exec(e.detail.fragment);
    status.textContent = step ? 'The figure is at step ' + step[1] + '.' : '';
  });
});
