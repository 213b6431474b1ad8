"""The screen's helper in the browser: focus, scrolling, ``lang``, toggle states, Enter, and read-aloud.

Why a helper: ipywidgets draws controls but cannot say "put the keyboard focus here", "scroll the heading
into view", "this toggle is pressed" or "this text is Vietnamese", and a screen reader or a learner using
the keyboard needs all four after every action. ``PageAssist`` is a tiny anywidget (its JavaScript
travels over the kernel connection, as ``simkit.workshop.memory`` does: no CDN, nothing to install),
placed once inside a screen's root box. It works on the root box it sits in:

- ``focus(target)``: after a redraw, scroll the screen's heading into view and move the keyboard focus to
  the element marked ``data-simkit-focus="<target>"`` (the new page's heading, the feedback of an answer);
- after any click inside the screen whose button disappears in the redraw, the focus goes to the nearest
  part that is still there (its feedback if it has one), never back to the page body;
- ``lang`` on the root box (``vi``/``en``), ``aria-pressed`` on every toggle button, ``aria-live`` on
  every feedback element (classes ``simkit-live``, ``simkit-ok``, ``simkit-bad``), an accessible name on
  inputs from their visible label;
- ``speak(text, lang)``: read the text aloud with the browser's own speech synthesis (``speechSynthesis``,
  offline where the phone has the voice), in a voice of that language. ``voices`` lists the languages
  the browser has voices for, so a screen shows its read-aloud button only when it will be heard.

Where the JavaScript cannot run, nothing breaks: the screen simply works without these extras.
"""

from __future__ import annotations

import json

import anywidget
import traitlets

SPEECH_LANGS = {"vi": ("vi-VN", "vi"), "en": ("en-GB", "en-US", "en")}
"""For each screen language, the speech languages asked for, best first (a voice's ``lang`` starts so)."""

_ESM = """
const SPEECH = __SPEECH__;
function voiceFor(lang) {
  const synth = window.speechSynthesis;
  if (!synth || typeof synth.getVoices !== "function") return null;
  const voices = synth.getVoices() || [];
  for (const wanted of SPEECH[lang] || []) {
    const prefix = wanted.toLowerCase();
    const found = voices.find((v) => (v.lang || "").replace("_", "-").toLowerCase().startsWith(prefix));
    if (found) return found;
  }
  return null;
}
function voiceLangs() {
  return Object.keys(SPEECH).filter((lang) => voiceFor(lang) !== null);
}
function render({ model, el }) {
  el.style.display = "none";
  const rootOf = () => el.closest(".simkit-root") || document.body;
  let lastClick = null;
  let focusUntil = 0;
  const tidy = () => {
    const root = rootOf();
    root.setAttribute("lang", model.get("lang"));
    for (const b of root.querySelectorAll("button.jupyter-button")) {
      const toggle = b.classList.contains("widget-toggle-button") || !!b.closest(".widget-toggle-buttons");
      if (toggle) b.setAttribute("aria-pressed", b.classList.contains("mod-active") ? "true" : "false");
      else if (b.classList.contains("simkit-chosen")) b.setAttribute("aria-pressed", "true"); // drill answer
    }
    for (const live of root.querySelectorAll(".simkit-live, .simkit-ok, .simkit-bad")) {
      if (live.hasAttribute("aria-live")) continue;
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");
    }
    for (const input of root.querySelectorAll("input, select, textarea")) {
      if (input.getAttribute("aria-label") || (input.labels && input.labels.length)) continue;
      const box = input.closest(".widget-inline-hbox");
      const label = box && box.querySelector(".widget-label");
      const text = (label && label.textContent.trim()) || input.title || input.placeholder;
      if (text) input.setAttribute("aria-label", text);
    }
    const lost = document.activeElement === document.body || !document.activeElement;
    if (lost && Date.now() < focusUntil) {  // the target was drawn again after it got the focus
      clearTimeout(pending);
      tryFocus(Date.now() + 2000);
    }
    else if (lost && lastClick && Date.now() - lastClick.at < 4000) refocus(lastClick);
  };
  const refocus = (click) => {
    const kept = click.path.find((node) => node.isConnected && node !== rootOf() && rootOf().contains(node));
    const scope = kept || rootOf();
    const target = scope.querySelector("[data-simkit-focus], .simkit-live, .simkit-ok, .simkit-bad") || scope;
    const focusable = target.matches("button, input, select, a");
    if (!target.hasAttribute("tabindex") && !focusable) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  };
  let pending = null;
  const wanted = () => model.get("focus_target");
  const tryFocus = (deadline) => {
    const target = wanted();
    if (!target) return;
    const node = rootOf().querySelector(`[data-simkit-focus="${target}"]`);
    if (!node) {
      if (Date.now() < deadline) pending = setTimeout(() => tryFocus(deadline), 40);
      return;
    }
    const heading = rootOf().querySelector(".simkit-title");
    if (model.get("scroll_top") && heading) heading.scrollIntoView({ block: "start" });
    const box = node.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) node.scrollIntoView({ block: "start" });
    if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
    node.focus({ preventScroll: true });
    lastClick = null;
  };
  model.on("change:focus_target", () => {
    clearTimeout(pending);
    focusUntil = Date.now() + 5000;
    tryFocus(Date.now() + 5000);
  });
  model.on("change:lang", tidy);
  model.on("msg:custom", (msg) => {
    if (!msg || msg.kind !== "speak") return;
    const synth = window.speechSynthesis;
    const voice = voiceFor(msg.lang);
    if (!synth || !voice || !window.SpeechSynthesisUtterance) return;
    synth.cancel();
    const utterance = new window.SpeechSynthesisUtterance(msg.text);
    utterance.voice = voice;
    utterance.lang = voice.lang || SPEECH[msg.lang][0];
    synth.speak(utterance);
  });
  const reportVoices = () => { model.set("voices", voiceLangs()); model.save_changes(); };
  if (window.speechSynthesis) {
    reportVoices();
    if (typeof window.speechSynthesis.addEventListener === "function") {
      window.speechSynthesis.addEventListener("voiceschanged", reportVoices);
    }
  }
  const attach = () => {
    const root = rootOf();
    if (root.dataset.simkitAssist) return;
    root.dataset.simkitAssist = "1";
    root.addEventListener("click", (event) => {
      lastClick = { at: Date.now(), path: event.composedPath().filter((n) => n instanceof Element) };
      focusUntil = 0;  // a new action: its own focus comes with its answer
    }, true);
    const watch = { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] };
    new MutationObserver(tidy).observe(root, watch);
    tidy();
  };
  setTimeout(attach, 0);
}
export default { render };
"""


class PageAssist(anywidget.AnyWidget):
    """The browser-side helper of one screen (see the module docstring). Place it inside the root box,
    which must have the class ``simkit-root``."""

    _esm = _ESM.replace("__SPEECH__", json.dumps({k: list(v) for k, v in SPEECH_LANGS.items()}))
    lang = traitlets.Unicode("vi").tag(sync=True)
    focus_target = traitlets.Unicode("").tag(sync=True)
    scroll_top = traitlets.Bool(True).tag(sync=True)
    voices = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Screen languages the browser has a speech voice for (set by the browser)."""

    def __init__(self) -> None:
        super().__init__()
        self._count = 0
        self.spoken: list[dict[str, str]] = []
        """What was asked to be read aloud (for tests and the log of a session)."""

    def marker(self) -> str:
        """A new focus target's name, to put in ``data-simkit-focus`` of the element to focus next."""
        self._count += 1
        return f"f{self._count}"

    def focus(self, target: str, *, scroll_top: bool = True) -> None:
        """Focus the element marked ``target`` once drawn; ``scroll_top`` first shows the screen's title."""
        self.scroll_top = scroll_top
        self.focus_target = target

    def can_speak(self, lang: str) -> bool:
        return lang in self.voices

    def speak(self, text: str, lang: str) -> None:
        """Read ``text`` aloud in ``lang`` (``vi``/``en``); nothing happens where there is no such voice."""
        self.spoken.append({"text": text, "lang": lang})
        self.send({"kind": "speak", "text": text, "lang": lang})
