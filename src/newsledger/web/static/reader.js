// newsledger reader: technique toggles and score threshold, mark toggles, statement details.
// The page works without this file (the toggles' form submits); it only makes them instant.
(function () {
  "use strict";
  var form = document.getElementById("techniques");
  var body = document.getElementById("body");
  if (!form || !body) return;
  var slider = document.getElementById("threshold");
  var output = document.getElementById("threshold-value");
  var boxes = form.querySelectorAll('input[name="technique"]');
  var apply = form.querySelector("button.apply");
  if (apply) apply.hidden = true;

  function update() {
    var threshold = parseFloat(slider.value);
    var colours = {};
    boxes.forEach(function (box) {
      if (box.checked) colours[box.value] = parseInt(box.dataset.colour, 10);
    });
    if (output) output.textContent = threshold.toFixed(2);
    body.querySelectorAll(".seg[data-tech]").forEach(function (seg) {
      var best = null;
      seg.dataset.tech.split(" ").forEach(function (pair) {
        var cut = pair.lastIndexOf(":");
        var name = pair.slice(0, cut);
        var score = parseFloat(pair.slice(cut + 1));
        if (name in colours && score >= threshold && (best === null || colours[name] < best)) {
          best = colours[name];
        }
      });
      Array.prototype.slice.call(seg.classList).forEach(function (cls) {
        if (cls === "tech" || cls.indexOf("tech-") === 0) seg.classList.remove(cls);
      });
      if (best !== null) seg.classList.add("tech", "tech-" + best);
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });

  [["show-statements", "hide-statements"], ["show-events", "hide-events"],
   ["show-mentions", "hide-mentions"]].forEach(function (pair) {
    var box = document.getElementById(pair[0]);
    if (!box) return;
    box.addEventListener("change", function () { body.classList.toggle(pair[1], !box.checked); });
  });

  // A click on a marked statement opens its details below (links keep their own behaviour).
  body.addEventListener("click", function (event) {
    if (event.target.closest("a")) return;
    var seg = event.target.closest(".seg[data-st]");
    if (!seg) return;
    var ids = seg.dataset.st.split(" ");
    var details = document.getElementById("statement-" + ids[0]);
    if (!details) return;
    details.open = true;
    details.classList.add("flash");
    details.scrollIntoView({ behavior: "smooth", block: "center" });
    setTimeout(function () { details.classList.remove("flash"); }, 1500);
  });
})();
