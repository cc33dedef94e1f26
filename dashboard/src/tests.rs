//! What a visitor can make the dashboard spend: pictures beyond the limits are refused with a
//! sentence before they are decoded, and event streams beyond the cap with 503. None of these
//! needs a node: the router follows a port where none listens.

use axum::{
	body::Body,
	http::{header, Request, StatusCode},
	response::Response,
	Router,
};
use healthnet_client::portable;
use tower::ServiceExt;

use crate::{router, router_with, Capacity};

/// Where no node listens (the discard port).
const NO_NODE: &str = "ws://127.0.0.1:9";

/// The certificate form sent with `picture` as its file `name`, as a browser sends it.
fn upload(name: &str, picture: &[u8]) -> Request<Body> {
	let boundary = "healthnet-test-boundary";
	let mut body = format!(
		"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\r\n\
		 --{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{name}\"\r\n\
		 Content-Type: image/png\r\n\r\n"
	)
	.into_bytes();
	body.extend_from_slice(picture);
	body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
	Request::post("/certificates")
		.header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
		.header("x-fragment", "1")
		.body(Body::from(body))
		.unwrap()
}

async fn send(router: &Router, request: Request<Body>) -> Response {
	router.clone().oneshot(request).await.unwrap()
}

/// The response's status and its body as text.
async fn read(response: Response) -> (StatusCode, String) {
	let status = response.status();
	let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
	(status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn a_picture_beyond_the_limits_is_refused_with_its_size() {
	let router = router(NO_NODE, "RA01");
	let (status, body) =
		read(send(&router, upload("huge.png", &portable::black_png(16_384))).await).await;
	assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
	assert!(
		body.contains(
			"The picture huge.png is 16384 × 16384 pixels, more than the 4096 × 4096 that are \
			 read: crop it to the QR code or take it again at a lower resolution."
		),
		"{body}"
	);
}

#[tokio::test]
async fn an_upload_beyond_the_limit_is_refused_with_a_sentence() {
	let router = router(NO_NODE, "RA01");
	let just_over = vec![0; crate::pages::certificates::MAX_UPLOAD + 1024];
	let (status, body) = read(send(&router, upload("photo.png", &just_over)).await).await;
	assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
	assert!(
		body.contains("The picture photo.png is 8.1 MiB, more than the 8 MiB that are read"),
		"{body}"
	);
	let far_over = vec![0; 9 * 1024 * 1024];
	let (status, body) = read(send(&router, upload("photo.png", &far_over)).await).await;
	assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
	assert!(body.contains("The upload is larger than the 8 MiB a picture may be"), "{body}");
}

#[tokio::test]
async fn a_picture_is_refused_while_every_decode_is_taken() {
	let router = router_with(NO_NODE, "RA01", Capacity { decodes: 0, event_streams: 1 });
	let code = portable::qr_png("HN1:THE TEXT OF A CERTIFICATE").unwrap();
	let (status, body) = read(send(&router, upload("code.png", &code)).await).await;
	assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
	assert!(body.contains("The dashboard is reading other pictures"), "{body}");
}

#[tokio::test]
async fn event_streams_beyond_the_cap_are_refused_until_one_closes() {
	let router = router_with(NO_NODE, "RA01", Capacity { decodes: 1, event_streams: 2 });
	let events = || Request::get("/events").body(Body::empty()).unwrap();
	let first = send(&router, events()).await;
	let second = send(&router, events()).await;
	for open in [&first, &second] {
		assert_eq!(open.status(), StatusCode::OK);
		assert_eq!(open.headers()[header::CONTENT_TYPE], "text/event-stream");
	}
	let (status, body) = read(send(&router, events()).await).await;
	assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
	assert!(body.contains("this page refreshes every 30 seconds"), "{body}");
	// A visitor leaves: the stream's permit comes back.
	drop(first);
	assert_eq!(send(&router, events()).await.status(), StatusCode::OK);
	drop(second);
}

#[test]
fn beyond_loopback_the_dashboard_serves_only_behind_https() {
	let at = |address: &str| address.parse::<std::net::SocketAddr>().unwrap();
	assert_eq!(crate::exposure_refusal(at("127.0.0.1:8080"), "http://127.0.0.1:8080"), None);
	assert_eq!(crate::exposure_refusal(at("[::1]:8080"), "http://[::1]:8080"), None);
	let open = crate::exposure_refusal(at("0.0.0.0:8080"), "http://0.0.0.0:8080");
	assert!(open.is_some_and(|why| why.contains("--public-url https://")));
	assert_eq!(
		crate::exposure_refusal(at("10.0.0.5:8080"), "https://dashboard.health.example"),
		None
	);
}

#[tokio::test]
async fn the_service_worker_changes_with_the_files_it_keeps() {
	// A worker whose cache kept its name would serve the old scripts forever: a browser installs
	// a new worker only when the worker itself changes.
	let router = router(NO_NODE, "RA01");
	let (status, worker) =
		read(send(&router, Request::get("/sw.js").body(Body::empty()).unwrap()).await).await;
	assert_eq!(status, StatusCode::OK);
	let files = [
		include_bytes!("../static/sw.js").as_slice(),
		include_bytes!("../static/dashboard.css"),
		include_bytes!("../static/dashboard.js"),
		include_bytes!("../static/work.js"),
		include_bytes!("../static/uPlot.iife.min.js"),
		include_bytes!("../static/uPlot.min.css"),
	]
	.concat();
	let tag = hex::encode(&sp_crypto_hashing::blake2_256(&files)[..8]);
	assert!(worker.contains(&format!("const CACHE = 'healthnet-{tag}';")), "{worker}");
}

#[tokio::test]
async fn guidance_without_a_session_is_refused_before_its_document_is_read() {
	// The guidance route takes documents of up to 8 MiB: only a session's request is read.
	let router = router(NO_NODE, "RA01");
	let boundary = "healthnet-test-boundary";
	let body = format!(
		"--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"g.txt\"\r\n\
		 Content-Type: text/plain\r\n\r\n{}\r\n--{boundary}--\r\n",
		"x".repeat(1024 * 1024)
	);
	let request = Request::post("/guidance")
		.header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
		.body(Body::from(body))
		.unwrap();
	let (status, body) = read(send(&router, request).await).await;
	assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
	assert!(body.contains("not signed in"), "{body}");
}
