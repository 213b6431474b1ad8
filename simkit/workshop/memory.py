"""What a phone remembers between visits: the display name, the language, and a random phone key.

Why in the phone's browser (``localStorage``) and not on the server: a learner who comes back next week on
the same phone should find their name already filled in, without any account; and the server must never
learn who they really are. The phone key is 128 random bits made by the browser on first visit; the server
keeps only its SHA-256 (``simkit.workshop.claims``), so a name typed on another phone cannot open this
learner's progress.

A tiny anywidget: its JavaScript travels with the widget over the kernel connection (no CDN, nothing to
install on the phone). Where it cannot run, ``ready`` never turns true: the start page then works without
memory (the name is asked again next time, and the phone key lasts for this visit only). It also sets the
page's ``lang`` (``<html lang>``) to the learner's language, so words outside the app's own ``lang``-marked
blocks (buttons, the name box) are read in the right language.
"""

from __future__ import annotations

import anywidget
import traitlets

STORAGE_KEY = "simkit-workshop"

_ESM = """
const KEY = "__KEY__";
function read() {
  try { return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
}
function write(saved) {
  try { window.localStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) { /* private mode: forget */ }
}
function newKey() {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);  // works on plain http (randomUUID needs https)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function render({ model, el }) {
  el.style.display = "none";
  const saved = read();
  if (typeof saved.phone !== "string" || !/^[0-9a-f]{32}$/.test(saved.phone)) {
    saved.phone = newKey();
    write(saved);
  }
  model.set("phone_key", saved.phone);
  model.set("name", typeof saved.name === "string" ? saved.name : "");
  model.set("lang", saved.lang === "en" ? "en" : "vi");
  model.set("ready", true);
  model.save_changes();
  // the page's language is the learner's: screen readers and the phone's own read-aloud pick their voice
  const setLang = () => { document.documentElement.lang = model.get("lang") === "en" ? "en" : "vi"; };
  setLang();
  model.on("change:lang", setLang);
  const keep = () => {
    const now = read();
    now.phone = saved.phone;
    now.name = model.get("name");
    now.lang = model.get("lang");
    write(now);
  };
  model.on("change:name", keep);
  model.on("change:lang", keep);
}
export default { render };
""".replace("__KEY__", STORAGE_KEY)


class PhoneMemory(anywidget.AnyWidget):
    """Synced with the phone's ``localStorage``: set ``name``/``lang`` here and the phone keeps them."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    phone_key = traitlets.Unicode("").tag(sync=True)
    name = traitlets.Unicode("").tag(sync=True)
    lang = traitlets.Unicode("vi").tag(sync=True)
    ready = traitlets.Bool(False).tag(sync=True)
