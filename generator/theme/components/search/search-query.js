/* What a search means: the words typed turned into the terms the index holds
   (as generator/site/search_terms.py does at build time), grouped into
   "concepts" (a word, or a phrase with its synonyms), and the pages ranked.

   - Terms: lower case, accents removed, words of two or more letters and
     digits without the very common ones, British spelling ("behavior" →
     "behaviour", -ize → -ise), then the Snowball English stem (porter2).
   - Matching a term: the same term; a longer one it begins (for a word still
     being typed: "calm" finds "calming"); one at most two letters shorter;
     and, when the term itself is not in the index, terms one edit away (a
     letter added, dropped, changed or two swapped), for terms of five letters
     or more, from the piece of the word list already fetched — ranked below
     the others, and offered as "Did you mean". A typo of a word of the
     search's own vocabulary (synonyms, crisis words) is found whatever its
     first letters ("sucide"), and the search is run for the word meant.
   - Concepts: a phrase of data/search-words.yaml found in the query stands
     for all its synonyms ("ptsd" for "post-traumatic stress"); every other
     term stands for itself.
   - Ranking: for a search with a crisis word, the crisis lines (and the
     help-now page) that match it first; then pages that meet more of the
     concepts; then the weight of the fields the terms were found in (a name
     above a description) and how rare they are. */
window.Waymark.searchQuery = (function () {
  "use strict";

  var MARKS, WORD, APOSTROPHE;
  try {
    MARKS = new RegExp("\\p{M}", "gu");
    WORD = new RegExp("[\\p{L}\\p{N}]+", "gu");
    APOSTROPHE = new RegExp("([\\p{L}\\p{N}])['\u2019]([\\p{L}\\p{N}])", "gu");
  } catch (error) { /* search is not started in such a browser */ }
  var LETTERS = /^[a-z]+$/;
  var ENDINGS = [["izations", "isations"], ["ization", "isation"], ["izing", "ising"], ["ized", "ised"],
    ["izes", "ises"], ["ize", "ise"], ["yzing", "ysing"], ["yzed", "ysed"], ["yze", "yse"]];
  var ENDING_MIN = 6;
  var TYPO_MIN = 5;
  var TYPO_LIKENESS = 0.4;
  var CRISIS_SCORE = 2; // what a crisis line scores for a crisis word it does not hold
  var FORMS = "~"; // in a shard: {term: the word as the pages write it}
  var stemmer = window.Waymark.porter2;

  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(MARKS, "").toLowerCase();
  }

  function british(word, spell) {
    if (Object.prototype.hasOwnProperty.call(spell, word)) return spell[word];
    if (word.length >= ENDING_MIN) {
      for (var i = 0; i < ENDINGS.length; i++) {
        var american = ENDINGS[i][0];
        if (word.slice(-american.length) === american) return word.slice(0, -american.length) + ENDINGS[i][1];
      }
    }
    return word;
  }

  function stem(word) {
    return LETTERS.test(word) ? stemmer(word) : word;
  }

  function term(word, toc) {
    return stem(british(word, toc.spell || {}));
  }

  /* Folded, an apostrophe inside a word taken out ("can't" → "cant"), twice as
     search_terms.py joined() does. */
  function joined(text) {
    return fold(text).replace(APOSTROPHE, "$1$2").replace(APOSTROPHE, "$1$2");
  }

  /* The terms of a text, in order (repeats kept: phrases are found in order). */
  function terms(text, toc) {
    return (joined(text).match(WORD) || []).filter(function (word) {
      return Array.from(word).length >= toc.min && toc.stop.indexOf(word) === -1;
    }).map(function (word) { return term(word, toc); });
  }

  function likeness(typed, word) {
    if (word === typed) return 1;
    if (typed.length >= 3 && word.indexOf(typed) === 0) return 0.7;
    if (word.length >= 4 && typed.indexOf(word) === 0 && typed.length - word.length <= 2) return 0.6;
    return 0;
  }

  /* One edit apart: a letter added, dropped or changed, or two neighbours swapped. */
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function same(a, b) {
    return a.length === b.length && a.every(function (x, i) { return x === b[i]; });
  }

  /* The concepts of a query's terms: [{alternatives: [[term, ...], ...], crisis: bool}]. */
  function concepts(queryTerms, toc) {
    var groups = (toc.syn || []).map(function (g) { return { phrases: g, alternatives: g }; })
      .concat((toc.oneway || []).map(function (g) { return { phrases: [g[0]], alternatives: g }; }));
    var crisis = toc.crisis || [];
    var found = [];
    var i = 0;
    while (i < queryTerms.length) {
      var best = null;
      groups.forEach(function (group) {
        group.phrases.forEach(function (phrase) {
          if (phrase.length && same(queryTerms.slice(i, i + phrase.length), phrase) &&
              (!best || phrase.length > best.length)) {
            best = { length: phrase.length, alternatives: group.alternatives };
          }
        });
      });
      var span = best ? best.length : 1;
      var part = queryTerms.slice(i, i + span);
      var isCrisis = crisis.some(function (phrase) {
        for (var at = 0; at + phrase.length <= part.length; at++) if (same(part.slice(at, at + phrase.length), phrase)) return true;
        return false;
      });
      found.push({ alternatives: best ? best.alternatives : [part], crisis: isCrisis, terms: part });
      i += span;
    }
    // A crisis phrase may span concepts ("want to die"): look over the whole query too.
    if (!found.some(function (c) { return c.crisis; })) {
      crisis.forEach(function (phrase) {
        for (var at = 0; at + phrase.length <= queryTerms.length; at++) {
          if (same(queryTerms.slice(at, at + phrase.length), phrase)) found.forEach(function (c, n) { if (n === 0) c.crisis = true; });
        }
      });
    }
    return found;
  }

  /* Scores of the pages a term is found on, from its shard: the term itself,
     longer and slightly shorter terms, and, when the term itself is not in the
     index, terms one edit away (ranked below). "corrected" is the word a typo
     was taken for, as the pages write it. */
  function scoresFor(typed, shard, toc) {
    var scores = new Map();
    var mask = (1 << toc.bits) - 1;
    var corrected = null;
    function add(word, like) {
      var postings = shard[word];
      if (!Array.isArray(postings)) return;
      var rarity = Math.log(1 + toc.pages / postings.length);
      var page = 0;
      for (var i = 0; i < postings.length; i++) {
        page += postings[i] >> toc.bits;
        var score = (postings[i] & mask) * like * rarity;
        if (!(scores.get(page) >= score)) scores.set(page, score);
      }
    }
    var words = Object.keys(shard).filter(function (w) { return w !== FORMS; });
    words.forEach(function (word) {
      var like = likeness(typed, word);
      if (like) add(word, like);
    });
    if (!isIndexed(typed, shard) && typed.length >= TYPO_MIN) {
      var best = null;
      words.forEach(function (word) {
        if (!oneEdit(typed, word)) return;
        add(word, TYPO_LIKENESS);
        if (!best || shard[word].length > shard[best].length) best = word;
      });
      if (best) corrected = writtenAs(best, shard);
    }
    return { scores: scores, corrected: corrected };
  }

  function isIndexed(term, shard) {
    return term !== FORMS && Array.isArray(shard[term]);
  }

  /* A term as the pages most often write it. */
  function writtenAs(term, shard) {
    var forms = shard[FORMS];
    return (forms && Object.prototype.hasOwnProperty.call(forms, term) && forms[term]) || term;
  }

  /* A term of the search's own words (synonyms, crisis words: in the table of
     contents, already fetched) one edit away from a term the index does not
     hold, whatever its first letters: "sucide" is taken for "suicide". */
  function vocabularyTypo(term, toc) {
    if (term.length < TYPO_MIN) return null;
    var found = null;
    [toc.syn || [], toc.oneway || []].forEach(function (groups) {
      groups.forEach(function (group) {
        group.forEach(function (phrase) {
          phrase.forEach(function (known) { if (!found && oneEdit(term, known)) found = known; });
        });
      });
    });
    (toc.crisis || []).forEach(function (phrase) {
      phrase.forEach(function (known) { if (!found && oneEdit(term, known)) found = known; });
    });
    return found;
  }

  /* Pages of one alternative (all its terms), with the sum of their scores. */
  function alternative(termScores) {
    var total = null;
    termScores.forEach(function (scores) {
      if (total === null) { total = new Map(scores); return; }
      var both = new Map();
      total.forEach(function (score, page) { if (scores.has(page)) both.set(page, score + scores.get(page)); });
      total = both;
    });
    return total || new Map();
  }

  /* The ranked page numbers for the concepts, given each term's scores.
     For a search with a crisis word, the crisis pages that match a crisis
     concept come first (all the crisis pages when none matches); the others
     are listed too, scoring CRISIS_SCORE for it. Then pages that meet more
     concepts, then the higher score. */
  function rank(found, scoresOf, toc) {
    var crisisPages = toc.crisisPages || [];
    var met = new Map();
    var score = new Map();
    var first = {};
    var crisisQuery = false;
    found.forEach(function (concept) {
      var best = new Map();
      concept.alternatives.forEach(function (alt) {
        alternative(alt.map(scoresOf)).forEach(function (s, page) { if (!(best.get(page) >= s)) best.set(page, s); });
      });
      if (concept.crisis) {
        crisisQuery = true;
        crisisPages.forEach(function (page) {
          if (best.has(page)) first[page] = true;
          else best.set(page, CRISIS_SCORE);
        });
      }
      best.forEach(function (s, page) {
        met.set(page, (met.get(page) || 0) + 1);
        score.set(page, (score.get(page) || 0) + s);
      });
    });
    if (crisisQuery && !Object.keys(first).length) crisisPages.forEach(function (page) { first[page] = true; });
    return Array.from(met.keys()).sort(function (a, b) {
      return ((first[b] ? 1 : 0) - (first[a] ? 1 : 0)) || (met.get(b) - met.get(a)) ||
        (score.get(b) - score.get(a)) || (a - b);
    });
  }

  /* Does a word of a text answer any of the terms? (For marking excerpts.) */
  function answers(token, wanted, toc) {
    var word = fold(token);
    if (Array.from(word).length < toc.min || toc.stop.indexOf(word) !== -1) return false;
    var t = term(word, toc);
    return wanted.some(function (w) { return likeness(w, t) > 0 || (w.length >= TYPO_MIN && oneEdit(w, t)); });
  }

  return {
    fold: fold, joined: joined, british: british, stem: stem, term: term, terms: terms, likeness: likeness, oneEdit: oneEdit,
    concepts: concepts, scoresFor: scoresFor, isIndexed: isIndexed, writtenAs: writtenAs,
    vocabularyTypo: vocabularyTypo, rank: rank, answers: answers
  };
})();
