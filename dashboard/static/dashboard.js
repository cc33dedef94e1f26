// Healthnet dashboard: draws the charts a page carries as JSON, and follows /events so that a
// live page's content is fetched again whenever a block finalizes, without a reload.
(function () {
	"use strict";
	var content = document.getElementById("content");
	var status = document.getElementById("node-status");
	var colours = ["#b3261e", "#1f5fa8", "#2e7d32", "#6b4c9a", "#a65e00", "#00838f", "#5d4037", "#ad1457"];

	// Days as dates (27 Nov), in UTC like the chain's periods.
	function dates(u, splits) {
		return splits.map(function (s) {
			return new Date(s * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
		});
	}

	function drawCharts() {
		var blocks = document.querySelectorAll("script.chart-data");
		for (var i = 0; i < blocks.length; i++) {
			var data = JSON.parse(blocks[i].textContent);
			var holder = document.getElementById(data.target);
			if (!holder || typeof uPlot === "undefined") continue;
			holder.textContent = "";
			var series = [{}];
			var columns = [data.x];
			data.series.forEach(function (s, n) {
				var colour = colours[n % colours.length];
				// A series of points (flagged days): dots, no line between them.
				series.push(s.points
					? { label: s.label, stroke: colour, width: 0, points: { show: true, size: 9, fill: colour } }
					: { label: s.label, stroke: colour, width: 2 });
				columns.push(s.values);
			});
			var width = Math.max(280, holder.clientWidth || content.clientWidth || 600);
			new uPlot({
				width: width,
				height: Math.round(Math.min(360, width * 0.55)),
				series: series,
				axes: [{ values: dates }, { size: 60 }],
				scales: { x: { time: true } },
			}, columns, holder);
		}
	}

	var refreshing = false;
	var again = false;
	function refresh() {
		if (!content || content.dataset.live !== "true") return;
		if (refreshing) { again = true; return; }
		refreshing = true;
		fetch(window.location.href, { headers: { "X-Fragment": "1" }, cache: "no-store" })
			.then(function (response) { return response.text(); })
			.then(function (html) {
				content.innerHTML = html;
				content.dataset.block = status.dataset.block || "";
				drawCharts();
			})
			.catch(function () { /* the next event tries again */ })
			.then(function () {
				refreshing = false;
				if (again) { again = false; refresh(); }
			});
	}

	function show(event, down) {
		var data = JSON.parse(event.data);
		status.textContent = data.sentence;
		status.className = down ? "down" : "";
		var wasDown = status.dataset.down === "true";
		status.dataset.down = down ? "true" : "false";
		if (!down) {
			var changed = String(data.finalized) !== status.dataset.block;
			status.dataset.block = String(data.finalized);
			if (changed || wasDown) refresh();
		} else if (!wasDown) {
			refresh();
		}
	}

	var polling = null;
	if (window.EventSource && status) {
		var events = new EventSource("/events");
		events.addEventListener("block", function (e) { show(e, false); });
		events.addEventListener("down", function (e) { show(e, true); });
		// A refused stream (the dashboard follows as many pages as it can) closes for good:
		// refresh on a timer instead. A lost connection is retried by the browser itself.
		events.addEventListener("error", function () {
			if (events.readyState !== EventSource.CLOSED || polling) return;
			polling = setInterval(refresh, 30000);
			status.textContent = "Live updates are unavailable: this page refreshes every 30 seconds.";
		});
		// A browser keeps six connections to a host: give this one back when the page goes,
		// or the next pages wait for a free one.
		window.addEventListener("pagehide", function () { events.close(); });
	}
	var resizing;
	window.addEventListener("resize", function () {
		clearTimeout(resizing);
		resizing = setTimeout(drawCharts, 200);
	});
	drawCharts();

	// Signing out on a shared computer leaves no typed form behind for the next person
	// (forms signed offline stay in their queue: they are signed and owed to the chain), and
	// once signed out, the service worker's copy of the form page, which named the member, goes.
	var signOut = document.querySelector('#account form[action="/sign-out"]');
	if (signOut) {
		signOut.addEventListener("submit", function () {
			for (var k = localStorage.length - 1; k >= 0; k--) {
				var key = localStorage.key(k);
				if (key && key.indexOf("healthnet-form:") === 0) { localStorage.removeItem(key); }
			}
		});
	} else if (window.caches) {
		caches.keys().then(function (names) {
			names.forEach(function (name) {
				caches.open(name).then(function (cache) {
					cache.keys().then(function (requests) {
						requests.forEach(function (r) {
							if (new URL(r.url).pathname === "/report") { cache.delete(r); }
						});
					});
				});
			});
		}).catch(function () {});
	}
})();
