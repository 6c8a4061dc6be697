// The design rules of the site, checked on the page as the browser laid it out (tests/browser/test_design_rules.py).
// One call returns every violation as a line of text; each rule is one function below.
() => {
  const problems = [];
  const pageLanguage = (document.documentElement.lang || "en").toLowerCase();
  const primary = (lang) => (lang || "").toLowerCase().split("-")[0];

  const visible = (el) => {
    if (!el.isConnected) return false;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    return !el.closest(".visually-hidden, [hidden], [aria-hidden='true']");
  };
  const describe = (el) => {
    const classes = [...el.classList].slice(0, 3).map((c) => "." + c).join("");
    const text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}> “${text}”`;
  };

  // 1. No picture twice: two <img> showing renditions of the same original (Wagtail names a rendition
  //    "<original>.<hash>.<operations>.<ext>").
  const pictures = new Map();
  for (const img of document.querySelectorAll("img")) {
    if (!visible(img)) continue;
    const file = (img.currentSrc || img.src || "").split("?")[0].split("/").pop();
    const match = file.match(/^(.*)\.[0-9a-f]{8}\.[^/]+$/);
    const original = match ? match[1] : file;
    if (!original) continue;
    if (pictures.has(original)) {
      problems.push(`picture shown twice: ${original} (${describe(pictures.get(original))} and ${describe(img)})`);
    } else {
      pictures.set(original, img);
    }
  }

  // 2. No list of cards or of headed items with the browser's markers (bullets, numbers).
  for (const list of document.querySelectorAll("ul, ol")) {
    const items = [...list.children].filter((li) => li.tagName === "LI" && visible(li));
    const headed = items.filter((li) => li.matches(".card") || li.querySelector(".card, h2, h3, h4, h5, h6"));
    if (!headed.length) continue;
    const marked = headed.find((li) => {
      const style = getComputedStyle(li);
      return style.display === "list-item" && style.listStyleType !== "none" && getComputedStyle(li, "::marker").content !== "none";
    });
    if (marked) problems.push(`list of cards or headed items with browser markers (${getComputedStyle(marked).listStyleType}): ${describe(list)}`);
  }

  // 3. No definition list at the browser's default indentation (dd { margin-inline-start: 40px }).
  for (const dd of document.querySelectorAll("dd")) {
    if (!visible(dd)) continue;
    const indent = parseFloat(getComputedStyle(dd).marginInlineStart) || 0;
    if (indent >= 39.5 && indent <= 40.5) problems.push(`definition list at the browser's indentation: ${describe(dd.closest("dl") || dd)}`);
  }

  // 4. In an Arabic, Chinese or Russian page, no text in Latin letters without its own lang: a text of two
  //    Latin words or more (eight letters or more) where Latin letters outnumber the page's script, whose
  //    nearest lang is the page's. Left aside: code, symbols and addresses of one word (A/RES/60/1,
  //    e-mail and web addresses), form fields.
  const scripts = { ar: /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/g, zh: /[\u3400-\u9fff\uf900-\ufaff]/g, ru: /[\u0400-\u04ff]/g };
  const pageScript = scripts[primary(pageLanguage)];
  if (pageScript) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const reported = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, template, code, pre, kbd, samp, textarea, select, option, [translate='no']")) continue;
      const marked = parent.closest("[lang]");
      if (marked && primary(marked.getAttribute("lang")) !== primary(pageLanguage)) continue;
      const text = node.textContent;
      const words = text.match(/[A-Za-z\u00c0-\u024f]{2,}/g) || [];
      const latin = words.join("").length;
      if (words.length < 2 || latin < 8) continue;
      const own = (text.match(pageScript) || []).length;
      if (latin <= own) continue;
      const block = parent.closest("p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, figcaption, blockquote, address, summary, label, legend, caption, a, button") || parent;
      if (!visible(block) && !parent.closest(".visually-hidden")) continue;
      if (reported.has(block)) continue;
      reported.add(block);
      problems.push(`Latin-script text without its own lang in a ${pageLanguage} page: ${describe(block)}`);
    }
  }

  // 5. Card grids keep their rows level: in each row, the cards' titles start at the same height (a card
  //    without a picture beside one with a picture breaks it); in a row of cards of a heading and a text
  //    (the four crimes), the texts too, however many lines the headings take.
  for (const grid of document.querySelectorAll(".grid")) {
    const items = [...grid.children].filter(visible);
    const rows = new Map();
    for (const item of items) {
      const top = Math.round(item.getBoundingClientRect().top);
      if (!rows.has(top)) rows.set(top, []);
      rows.get(top).push(item);
    }
    for (const row of rows.values()) {
      if (row.length < 2) continue;
      const parts = [["titles", (item) => item.querySelector(".card__title, h2, h3, h4")]];
      const headingAndText = (item) => {
        const kids = [...(item.matches(".card") ? item : item.querySelector(".card") || item).children];
        return kids.length === 2 && /^H[2-6]$/.test(kids[0].tagName) && kids[1].tagName === "P";
      };
      if (row.every(headingAndText)) parts.push(["texts", (item) => item.querySelector("h2 + p, h3 + p, h4 + p")]);
      for (const [what, find] of parts) {
        const tops = row.map(find).filter(Boolean).map((el) => Math.round(el.getBoundingClientRect().top));
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) {
          problems.push(`card grid row with misaligned ${what} (tops ${tops.join(", ")} px): ${describe(grid)}`);
          break;
        }
      }
    }
  }

  return problems;
}
