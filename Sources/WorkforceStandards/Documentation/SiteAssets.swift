/// The fixed files of the HTML site: its style sheet and its search script. They are part of
/// the generator (not of the data), so they live here as text and are stamped like the pages.
enum SiteAssets {
    /// `style.css`: readable on screen and in print, light and dark, no web fonts (the site
    /// must work offline with no external assets).
    static let styleSheet = #"""
    :root {
      --text: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0b5cad; --mark: #fff8c5;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      line-height: 1.5; color: var(--text);
    }
    @media (prefers-color-scheme: dark) {
      :root { --text: #e6edf3; --muted: #9da7b3; --line: #30363d; --soft: #161b22; --accent: #58a6ff; --mark: #3b2e00; background: #0d1117; }
    }
    body { margin: 0; }
    a { color: var(--accent); }
    header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; padding: .6rem 1.25rem;
      border-bottom: 1px solid var(--line); background: var(--soft); }
    header.site .brand { font-weight: 700; text-decoration: none; color: var(--text); }
    header.site .version { font-weight: 400; color: var(--muted); }
    header.site nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
    header.site nav a { text-decoration: none; }
    header.site nav a[aria-current] { font-weight: 700; text-decoration: underline; }
    form.search { margin-left: auto; display: flex; gap: .25rem; }
    input[type=search] { font: inherit; padding: .2rem .45rem; border: 1px solid var(--line); border-radius: 4px; min-width: 16rem;
      background: transparent; color: inherit; }
    button { font: inherit; padding: .2rem .7rem; border: 1px solid var(--line); border-radius: 4px; background: var(--soft); color: inherit; cursor: pointer; }
    main { padding: .5rem 1.25rem 2rem; max-width: 90rem; }
    .trail { color: var(--muted); font-size: .9rem; margin-bottom: 0; }
    h1 { margin-top: .4rem; font-size: 1.7rem; }
    h2 { margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
    h2:target, h3:target, tr:has(span:target) { background: var(--mark); }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
    div.table { overflow-x: auto; }
    table { border-collapse: collapse; margin: .75rem 0; }
    th, td { border: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; text-align: left; }
    thead th { background: var(--soft); position: sticky; top: 0; }
    table.properties th { background: var(--soft); white-space: nowrap; }
    p.note { border-left: 4px solid var(--accent); background: var(--soft); padding: .4rem .75rem; }
    form.search-panel { display: flex; gap: .4rem; margin: 1rem 0; }
    form.search-panel input { min-width: 24rem; font-size: 1.1rem; }
    #search-results { padding-left: 1.5rem; }
    #search-results li { margin: .35rem 0; }
    #search-results .kind { display: inline-block; min-width: 5.5rem; color: var(--muted); font-size: .85rem; }
    #search-results .detail { color: var(--muted); font-size: .9rem; margin-left: 5.5rem; }
    footer { padding: 1rem 1.25rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
    @media print { header.site, form { display: none; } a { color: inherit; } }

    """#

    /// `search.js`: ranks `window.WDS_SEARCH` against the query in `?q=` (so the search box of
    /// any page, or a plain link, opens the results) and again on every keystroke.
    static let searchScript = #"""
    (function () {
      "use strict";
      var data = window.WDS_SEARCH || { kinds: [], entries: [] };
      var limit = 100;

      // Case, accents and punctuation never matter: "Social-worker" finds "social worker".
      function fold(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
      }

      var prepared = data.entries.map(function (entry, index) {
        var title = fold(entry[1]);
        var space = title.indexOf(" ");
        return {
          entry: entry, index: index, title: title,
          // Titles start with their code ("R244 Social worker"); the name alone must match too.
          name: space > 0 ? title.slice(space + 1) : title,
          words: title.split(" "), detail: fold(entry[2])
        };
      });

      // Higher is better: the whole title, the name after the code, a prefix of either,
      // every word starting a word of the title, the phrase in the detail, then every word
      // anywhere in title or detail.
      function score(item, words, phrase) {
        if (item.title === phrase) { return 100; }
        if (item.name === phrase) { return 100; }
        if (item.title.indexOf(phrase) === 0 || item.name.indexOf(phrase) === 0) { return 80; }
        var starts = words.every(function (word) {
          return item.words.some(function (titleWord) { return titleWord.indexOf(word) === 0; });
        });
        if (starts) { return 60; }
        // The whole phrase in the detail (a role's definition: "children in need").
        if (phrase.indexOf(" ") > 0 && (" " + item.detail + " ").indexOf(" " + phrase + " ") >= 0) { return 40; }
        var anywhere = words.every(function (word) {
          return item.title.indexOf(word) >= 0 || item.detail.indexOf(word) >= 0;
        });
        return anywhere ? 20 : 0;
      }

      // Ties go to the kind listed first (roles before codes), then the shorter title, then
      // the generator's order, so a query always gives the same list.
      function search(query) {
        var phrase = fold(query);
        if (!phrase) { return []; }
        var words = phrase.split(" ");
        var hits = [];
        prepared.forEach(function (item) {
          var value = score(item, words, phrase);
          if (value > 0) { hits.push({ item: item, score: value }); }
        });
        hits.sort(function (a, b) {
          return b.score - a.score || a.item.entry[0] - b.item.entry[0] ||
            a.item.entry[1].length - b.item.entry[1].length || a.item.index - b.item.index;
        });
        return hits;
      }

      function show(query) {
        var list = document.getElementById("search-results");
        var status = document.getElementById("search-status");
        if (!list || !status) { return; }
        while (list.firstChild) { list.removeChild(list.firstChild); }
        var hits = search(query);
        if (!fold(query)) {
          status.textContent = "Type a job title, a role, an item name or reference, a code set or a code.";
          return;
        }
        status.textContent = hits.length === 0 ? "Nothing matches \u201c" + query + "\u201d." :
          hits.length + (hits.length === 1 ? " match" : " matches") + " for \u201c" + query + "\u201d" +
          (hits.length > limit ? "; the first " + limit + " are shown." : ".");
        hits.slice(0, limit).forEach(function (hit) {
          var entry = hit.item.entry;
          var kind = data.kinds[entry[0]] || "";
          var item = document.createElement("li");
          item.className = "hit hit-" + kind.replace(/ /g, "-");
          var label = document.createElement("span");
          label.className = "kind";
          label.textContent = kind;
          var link = document.createElement("a");
          link.href = entry[3];
          link.textContent = entry[1];
          var detail = document.createElement("div");
          detail.className = "detail";
          detail.textContent = entry[2];
          item.appendChild(label);
          item.appendChild(link);
          item.appendChild(detail);
          list.appendChild(item);
        });
      }

      var input = document.getElementById("search-query");
      var query = new URLSearchParams(window.location.search).get("q") || "";
      if (input) {
        input.value = query;
        input.addEventListener("input", function () { show(input.value); });
      }
      show(query);
    }());

    """#
}
