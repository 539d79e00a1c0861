// Live feed: prepends each alert the server streams (newest first). The stream is an EventSource on the console's
// session cookie; the browser resumes it with Last-Event-ID after a dropped connection. When the server ends it for
// good (the browser then stops retrying), it is reopened from the last event seen.
(function () {
  'use strict';
  var list = document.getElementById('alerts');
  if (!list || !window.EventSource) {
    return;
  }
  var status = document.getElementById('live-status');
  var empty = document.getElementById('empty-feed');
  var topic = list.getAttribute('data-topic');
  var language = list.getAttribute('data-language');
  var streamUrl = list.getAttribute('data-stream');
  var lastId = null;
  var source = null;

  function say(text, state) {
    status.textContent = text;
    status.setAttribute('data-state', state);
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function unique(values) {
    return values.filter(function (v, i) { return v && values.indexOf(v) === i; });
  }

  function show(event) {
    lastId = event.lastEventId || lastId;
    var body = JSON.parse(event.data);
    var data = body.data || {};
    var articles = data.articles || [];
    var topics = data.topics || [];
    var slugs = topics.map(function (t) { return t.slug; });
    var languages = unique(articles.map(function (a) { return a.language; }));
    var sources = unique(articles.map(function (a) { return a.source; }));
    if ((topic && slugs.indexOf(topic) < 0) || (language && languages.indexOf(language) < 0)) {
      return;
    }
    var old = list.querySelector('[data-alert="' + data.alertId + '"]');
    if (old) {
      old.remove();
    }
    var item = element('li', 'alert-item fresh');
    item.setAttribute('data-alert', data.alertId);
    item.setAttribute('data-seq', event.lastEventId);
    var link = element('a', 'headline', (data.story && data.story.headline) || (articles[0] && articles[0].title) || '');
    link.href = '/console/alerts/' + encodeURIComponent(data.alertId);
    item.appendChild(link);
    var newest = articles.length ? articles[articles.length - 1].title : '';
    if (newest && newest !== link.textContent) {
      item.appendChild(element('p', 'latest', newest));
    }
    var meta = element('p', 'meta');
    meta.appendChild(element('span', 'kind', body.type === 'alert.raised' ? 'New alert' : 'Update ' + data.revision));
    var time = element('time', null, body.timestamp);
    time.setAttribute('datetime', body.timestamp);
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(time);
    [sources, languages].forEach(function (values) {
      if (values.length) {
        meta.appendChild(document.createTextNode(' · ' + values.join(', ')));
      }
    });
    item.appendChild(meta);
    var tags = element('p', 'tags');
    topics.forEach(function (t) {
      tags.appendChild(element('span', 'tag', t.slug + ' ' + Number(t.score).toFixed(2)));
      tags.appendChild(document.createTextNode(' '));
    });
    item.appendChild(tags);
    list.insertBefore(item, list.firstChild);
    if (empty) {
      empty.hidden = true;
    }
    say(body.type === 'alert.raised' ? 'New alert: ' + link.textContent : 'Alert updated: ' + link.textContent,
      'live');
  }

  function open(url) {
    source = new EventSource(url);
    source.onopen = function () { say('Live', 'live'); };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        say('Disconnected; retrying…', 'down');
        var resume = streamUrl.replace(/lastEventId=\d+/, 'lastEventId=' + (lastId || /lastEventId=(\d+)/.exec(streamUrl)[1]));
        window.setTimeout(function () { open(resume); }, 5000);
      } else {
        say('Reconnecting…', 'down');
      }
    };
    source.addEventListener('alert.raised', show);
    source.addEventListener('alert.updated', show);
  }

  open(streamUrl);
  window.addEventListener('pagehide', function () { if (source) { source.close(); } });
}());
