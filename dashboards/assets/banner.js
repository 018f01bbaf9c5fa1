/* Shows, on every page, that the last refresh failed and the figures are
 * older than the inputs. assets/status.js, loaded just before, sets
 * window.shihyoStatus; a failed refresh rewrites that file alone, so the
 * banner appears without the pages being rendered again. Text is set with
 * textContent: nothing in it is read as markup. */
(function () {
  "use strict";
  var s = window.shihyoStatus;
  var el = document.getElementById("refresh-banner");
  if (!el || !s || !s.stale) {
    return;
  }
  var text = "最新の更新に失敗しました" + (s.failed ? "（" + s.failed + "）" : "") +
    "。表示中の数値は" + (s.shown ? s.shown + "の更新" : "前回の更新") +
    "時点のもので、入力データより古くなっています。";
  var strong = document.createElement("strong");
  strong.textContent = "注意";
  var link = document.createElement("a");
  link.href = s.page || "status.html";
  link.textContent = "更新状況（失敗の理由）";
  el.textContent = "";
  el.appendChild(strong);
  el.appendChild(document.createTextNode(" " + text));
  el.appendChild(link);
  el.appendChild(document.createTextNode("をご覧ください。"));
  el.hidden = false;
})();
