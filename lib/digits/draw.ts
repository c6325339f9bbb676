// "Draw your own digit": an HTML output with a canvas where the learner draws a digit with the
// mouse (or a finger); the page itself runs the trained network's forward pass — its weights are
// embedded in the output — and shows the ten probabilities as the learner draws, with no round trip
// to the kernel, offline. Taught in notebooks/07-digits.ipynb.
//
// The drawing is turned into what the network was trained on: 280×280 canvas pixels averaged into
// 28×28 (10×10 blocks), ink 0…1, then the data's scaling ("book": x·0.99 + 0.01). JupyterLab runs
// an output's script only in a trusted notebook: the output shows how to trust it until the script
// replaces that line.

import { displayBundle } from "../display";
import type { Network } from "../network";
import { DIGIT_SIDE } from "./digits";
import type { DigitScaling } from "./digits";

/** The HTML of the drawing pad for a two-layer digit classifier (784-H-10; sigmoid hidden layer,
 * sigmoid or softmax output). `id` keeps several pads on one page apart. */
export function drawDigitHtml(
  net: Network,
  options: { scaling?: DigitScaling; id?: string } = {},
): string {
  if (net.W.length !== 2 || net.W[0].rows !== DIGIT_SIDE * DIGIT_SIDE || net.W[1].cols !== 10) {
    throw new Error(
      "drawDigitHtml: the net must be a two-layer digit classifier, 784-H-10 (e.g. bookNet([784, 100, 10]) trained on loadDigits).",
    );
  }
  const hidden = net.activations[0].name;
  const output = net.activations[1].name;
  if (hidden !== "sigmoid" || (output !== "sigmoid" && output !== "softmax")) {
    throw new Error(
      `drawDigitHtml: the page computes a sigmoid hidden layer and a sigmoid or softmax output; this net has ${hidden} and ${output}.`,
    );
  }
  const id = (options.id ?? "draw-digit").replace(/[^a-zA-Z0-9_-]/g, "");
  const weights = {
    H: net.W[0].cols,
    W1: base64(net.W[0].data),
    B1: base64(net.B[0].data),
    W2: base64(net.W[1].data),
    B2: base64(net.B[1].data),
    softmax: output === "softmax",
    book: options.scaling === "book",
  };
  return `<div id="${id}" class="draw-digit" style="font-family:sans-serif;display:flex;gap:16px;align-items:flex-start">
<div><canvas width="280" height="280" style="border:1px solid #888;background:#fff;touch-action:none;cursor:crosshair"></canvas>
<div><button type="button">clear</button> <span class="draw-digit-status">If no bars appear beside the box when you draw, this notebook is not trusted and JupyterLab does not run the drawing pad's script: run this cell again, or trust the notebook (Ctrl+Shift+C, then Trust Notebook), then draw.</span></div></div>
<div class="draw-digit-bars" style="width:260px"></div>
<script>
(function () {
  var root = document.getElementById(${JSON.stringify(id)});
  if (!root || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  var w = ${JSON.stringify(weights)};
  function floats(s) {
    var bin = atob(s), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }
  var W1 = floats(w.W1), B1 = floats(w.B1), W2 = floats(w.W2), B2 = floats(w.B2), H = w.H;
  var canvas = root.querySelector("canvas"), ctx = canvas.getContext("2d");
  var status = root.querySelector(".draw-digit-status"), bars = root.querySelector(".draw-digit-bars");
  status.textContent = "Draw a digit in the box.";
  ctx.lineWidth = 22; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#000";
  function input() {
    var img = ctx.getImageData(0, 0, 280, 280).data, x = new Float64Array(784);
    for (var r = 0; r < 28; r++) for (var c = 0; c < 28; c++) {
      var ink = 0;
      for (var dy = 0; dy < 10; dy++) for (var dx = 0; dx < 10; dx++) {
        var p = ((r * 10 + dy) * 280 + (c * 10 + dx)) * 4;
        ink += img[p + 3] / 255; // the canvas starts transparent: alpha is the ink
      }
      ink /= 100;
      x[r * 28 + c] = w.book ? ink * 0.99 + 0.01 : ink;
    }
    return x;
  }
  function forward(x) {
    var h = new Float64Array(H), o = new Float64Array(10), i, j, k, z;
    for (j = 0; j < H; j++) {
      z = B1[j];
      for (i = 0; i < 784; i++) z += x[i] * W1[i * H + j];
      h[j] = 1 / (1 + Math.exp(-z));
    }
    for (k = 0; k < 10; k++) {
      z = B2[k];
      for (j = 0; j < H; j++) z += h[j] * W2[j * 10 + k];
      o[k] = z;
    }
    if (w.softmax) {
      var max = Math.max.apply(null, o), sum = 0;
      for (k = 0; k < 10; k++) sum += (o[k] = Math.exp(o[k] - max));
      for (k = 0; k < 10; k++) o[k] /= sum;
    } else for (k = 0; k < 10; k++) o[k] = 1 / (1 + Math.exp(-o[k]));
    return o;
  }
  function show() {
    var x = input(), o = forward(x), best = 0, html = "";
    for (var k = 1; k < 10; k++) if (o[k] > o[best]) best = k;
    for (k = 0; k < 10; k++) {
      html += '<div style="display:flex;align-items:center;gap:6px;height:22px"><b style="width:12px">' + k +
        '</b><div style="background:' + (k === best ? "#d94801" : "#9ecae1") + ';height:14px;width:' +
        Math.round(200 * o[k]) + 'px"></div><span class="p">' + o[k].toFixed(3) + "</span></div>";
    }
    bars.innerHTML = html;
    status.textContent = "The network says: " + best;
    root.setAttribute("data-prediction", String(best));
    root.setAttribute("data-input", Array.prototype.join.call(x, ","));
    root.setAttribute("data-probabilities", Array.prototype.join.call(o, ","));
  }
  var drawing = false;
  function at(e) { var b = canvas.getBoundingClientRect(); return [e.clientX - b.left, e.clientY - b.top]; }
  canvas.addEventListener("pointerdown", function (e) { drawing = true; var p = at(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]); ctx.lineTo(p[0], p[1]); ctx.stroke(); show(); });
  canvas.addEventListener("pointermove", function (e) { if (!drawing) return; var p = at(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); show(); });
  window.addEventListener("pointerup", function () { drawing = false; });
  root.querySelector("button").addEventListener("click", function () { ctx.clearRect(0, 0, 280, 280); bars.innerHTML = ""; status.textContent = "Draw a digit in the box."; root.removeAttribute("data-prediction"); });
})();
</script></div>`;
}

/** Shows the drawing pad as a notebook output (outside a kernel, a line saying what it is). */
export function showDigitPad(
  net: Network,
  options: { scaling?: DigitScaling; id?: string } = {},
): void {
  displayBundle({
    "text/html": drawDigitHtml(net, options),
    "text/plain": `(a drawing pad for the ${net.W[0].rows}-${net.W[0].cols}-10 net: open the notebook in JupyterLab to draw)`,
  });
}

/** The weights as float32 bytes in base64 (half the size of float64; the page's probabilities
 * differ from the kernel's by about 1e-7). */
function base64(values: Float64Array): string {
  const bytes = new Uint8Array(Float32Array.from(values).buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
