// The dashboard's service worker: the facility's form and the files every page loads stay in a
// cache, so that the form opens and signs on a lost connection. Pages are asked of the network
// first and kept as they come; the files are taken from the cache first. Nothing but GET
// requests is ever answered here: every write goes to the dashboard, or waits in the page's queue.
'use strict';
// The dashboard names the cache after the files it keeps when it serves this worker.
const CACHE = 'healthnet';
const FILES = ['/static/dashboard.css', '/static/dashboard.js', '/static/work.js', '/static/uPlot.iife.min.js', '/static/uPlot.min.css'];

self.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
	event.waitUntil(caches.keys()
		.then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
		.then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== self.location.origin) { return; }
	if (url.pathname.startsWith('/static/')) {
		event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
		return;
	}
	// Only the form is kept: other pages are the chain's live figures.
	if (request.mode === 'navigate' && url.pathname === '/report') {
		event.respondWith(fetch(request).then((answer) => {
			if (answer.ok) {
				const copy = answer.clone();
				caches.open(CACHE).then((cache) => Promise.all([cache.put(request, copy.clone()), cache.put('/report', copy)]));
			}
			return answer;
		}).catch(() => caches.match(request).then((kept) => kept || caches.match('/report'))));
	}
});
