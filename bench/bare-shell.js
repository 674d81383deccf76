'use strict';
window.Module = { canvas: document.getElementById('canvas') };
const s = document.createElement('script');
s.src = 'bare_imgui.js';
document.body.appendChild(s);
