//! A certificate as a printable card: a one-page PDF the size of a bank card (ISO/IEC 7810 ID-1,
//! 85.60 × 53.98 mm) with its QR code beside kind, holder (name and birth date, as the claims
//! hold them), validity, issuer, id and version. What it certifies is for whoever scans it.
//! Written by hand in the standard Helvetica fonts, not embedded: what WinAnsiEncoding lacks
//! prints as `?`. The code is made as `healthnet cert qr` makes it (error correction Q, base45 in
//! alphanumeric mode), so a scan of the card reads as the certificate's picture does.

use qrcode::{Color, EcLevel, QrCode};

/// A millimetre, in points; the card's width and height, in points.
const MM: f64 = 72.0 / 25.4;
const WIDTH: f64 = 85.60 * MM;
const HEIGHT: f64 = 53.98 * MM;
/// The smallest module a card is printed with: below it, phones read a code unreliably.
pub const MIN_MODULE_MM: f64 = 0.4;
/// A printer's dot at 300 dpi, in points. Modules are whole dots (so at least 5, 0.42 mm) and the
/// code starts on one, so that a printer, or a renderer at 300, 600 or 1200 dpi, draws them all
/// the same size with sharp edges: readers that find a code by its finder patterns need them.
const DOT: f64 = 72.0 / 300.0;
/// The light modules around the code that a reader needs to find it.
const QUIET_ZONE: usize = 4;
/// The white around the code's square (quiet zone included), so that a cut a little inside the
/// card's edge leaves the quiet zone whole; and the square's largest side.
const EDGE: f64 = 4.5;
const CODE_SIDE: f64 = HEIGHT - 2.0 * EDGE;
/// Where text starts, and how far it may reach: short of the code's square.
const LEFT: f64 = 10.0;
const RIGHT: f64 = WIDTH - EDGE - CODE_SIDE - 2.0;
/// `…` in WinAnsiEncoding.
const ELLIPSIS: u8 = 0x85;

/// What a card shows: the certificate's text, for the code, and what is printed beside it.
#[derive(Clone, Copy, Debug)]
pub struct Card<'a> {
	/// The certificate's text, `HN1:…`: exactly what the code holds.
	pub text: &'a str,
	/// Its kind, in words: `Vaccination`.
	pub kind: &'a str,
	/// The holder's name, as the claims hold it.
	pub holder: &'a str,
	/// The holder's birth date, as the claims hold it.
	pub birth_date: &'a str,
	/// When it becomes valid, as the dashboard writes a moment: `2026-11-24 12:00 UTC`.
	pub valid_from: &'a str,
	/// When it stops being valid.
	pub valid_until: &'a str,
	/// The issuing organisation's name.
	pub issuer: &'a str,
	/// The issuing organisation's number.
	pub issuer_org: u32,
	/// The certificate's id in hex; in groups of four (`0707 0707 …`) it wraps between them.
	pub certificate: &'a str,
	/// The certificate's version.
	pub version: u32,
}

/// Why a certificate cannot be printed as a card: its text is too long for a QR code that a card
/// holds with modules of at least [`MIN_MODULE_MM`], if not for any QR code at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardError {
	/// The text's length, in characters.
	pub chars: usize,
}

impl std::fmt::Display for CardError {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(
			f,
			"the certificate's text is {} characters, too long for a QR code on a card with \
			 modules of {MIN_MODULE_MM} mm, the smallest a phone reads reliably: share the \
			 certificate as its text or its QR picture instead",
			self.chars
		)
	}
}

impl std::error::Error for CardError {}

/// The card as a one-page PDF, or why the certificate cannot be one.
pub fn card_pdf(card: &Card) -> Result<Vec<u8>, CardError> {
	let too_long = CardError { chars: card.text.chars().count() };
	let code = QrCode::with_error_correction_level(card.text, EcLevel::Q).map_err(|_| too_long)?;
	let module = (CODE_SIDE / (code.width() + 2 * QUIET_ZONE) as f64 / DOT).floor() * DOT;
	if module < MIN_MODULE_MM * MM {
		return Err(too_long);
	}
	Ok(pdf(&content(&layout(card), &code, module)))
}

/// How text is set: bold or not, its size and grey (0 black), and its drop from the line above.
#[derive(Clone, Copy, Debug)]
struct Style {
	bold: bool,
	size: f64,
	grey: f64,
	leading: f64,
}

const TITLE: Style = Style { bold: true, size: 5.5, grey: 0.35, leading: 10.0 };
const KIND: Style = Style { bold: true, size: 10.0, grey: 0.0, leading: 12.0 };
const LABEL: Style = Style { bold: false, size: 5.0, grey: 0.4, leading: 9.5 };
const NAME: Style = Style { bold: true, size: 8.0, grey: 0.0, leading: 8.5 };
const VALUE: Style = Style { bold: false, size: 6.5, grey: 0.0, leading: 7.5 };

/// The width of WinAnsi `text` set in `style`, in points. Beyond ASCII, every character counts
/// as wide as the widest there (1000), so that such text is shortened sooner, never later.
fn width(text: &[u8], style: Style) -> f64 {
	let ascii = &WIDTHS[usize::from(style.bold)];
	let units = |b: u8| ascii.get(usize::from(b.max(32)) - 32).map_or(1000, |&w| u32::from(w));
	f64::from(text.iter().map(|&b| units(b)).sum::<u32>()) * style.size / 1000.0
}

/// Helvetica's and Helvetica-Bold's widths of ASCII from the space, in thousandths of the size,
/// from Adobe's font metrics.
#[rustfmt::skip]
const WIDTHS: [[u16; 95]; 2] = [[
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
], [
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
]];

/// WinAnsiEncoding's characters from 0x80 to 0x9F, control characters where it has none.
const WIN_ANSI_80: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";

/// `text` in WinAnsiEncoding: control characters and other spaces as spaces, combining accents
/// dropped (their letter prints bare), and what WinAnsi lacks as `?`.
fn win_ansi(text: &str) -> Vec<u8> {
	text.chars()
		.filter(|c| !('\u{300}'..='\u{36f}').contains(c))
		.map(|c| match c {
			c if c.is_control() || c.is_whitespace() => b' ',
			' '..='~' | '\u{a1}'..='\u{ff}' => c as u8,
			c => WIN_ANSI_80.chars().position(|w| w == c).map_or(b'?', |at| 0x80 + at as u8),
		})
		.collect()
}

/// WinAnsi bytes as a PDF string: `\`, `(` and `)` escaped, and bytes beyond ASCII in octal.
fn pdf_string(text: &[u8]) -> String {
	let escape = |&b: &u8| match b {
		b'\\' | b'(' | b')' => format!("\\{}", char::from(b)),
		b' '..=b'~' => char::from(b).to_string(),
		_ => format!("\\{b:03o}"),
	};
	format!("({})", text.iter().map(escape).collect::<String>())
}

/// `text` in at most `most` lines that fit between `LEFT` and `RIGHT`, broken at a space where
/// one fits, the last shortened with an ellipsis when the rest does not fit it.
fn fit(text: &[u8], style: Style, most: usize) -> Vec<Vec<u8>> {
	let mut rest = text.trim_ascii();
	let mut lines = Vec::new();
	while !rest.is_empty() && lines.len() < most {
		if width(rest, style) <= RIGHT - LEFT {
			lines.push(rest.to_vec());
			break;
		}
		let last = lines.len() + 1 == most;
		let room = RIGHT - LEFT - if last { width(&[ELLIPSIS], style) } else { 0.0 };
		let overflows = |n: &usize| width(&rest[..=*n], style) > room;
		let end = (0..rest.len()).find(overflows).unwrap_or(rest.len());
		if last {
			lines.push([rest[..end].trim_ascii_end(), &[ELLIPSIS]].concat());
			break;
		}
		// At the last space that fits, or the one just past the line; else within a word.
		let end = rest[..=end].iter().rposition(|&b| b == b' ').unwrap_or(end).max(1);
		lines.push(rest[..end].trim_ascii_end().to_vec());
		rest = rest[end..].trim_ascii_start();
	}
	lines
}

/// A line of text set on the card: its style, its baseline's height, and its WinAnsi text.
type Line = (Style, f64, Vec<u8>);

/// The card's text, from the top down. With every field at its most lines, it ends well above
/// the card's bottom edge.
fn layout(card: &Card) -> Vec<Line> {
	let (mut y, mut lines) = (HEIGHT, Vec::new());
	let mut set = |text: &str, style: Style, most| {
		for text in fit(&win_ansi(text), style, most) {
			y -= style.leading;
			lines.push((style, y, text));
		}
	};
	set("HEALTHNET CERTIFICATE", TITLE, 1);
	set(card.kind, KIND, 1);
	set("Holder", LABEL, 1);
	set(card.holder, NAME, 2);
	set(&format!("born {}", card.birth_date), VALUE, 1);
	set("Valid", LABEL, 1);
	set(&format!("from {}", card.valid_from), VALUE, 1);
	set(&format!("until {}", card.valid_until), VALUE, 1);
	set(&format!("Issuer, organisation {}", card.issuer_org), LABEL, 1);
	set(card.issuer, VALUE, 2);
	set(&format!("Certificate, version {}", card.version), LABEL, 1);
	set(card.certificate, VALUE, 2);
	lines
}

/// The page's content: a light cut line, the text, and the code with modules of `module` points.
fn content(lines: &[Line], code: &QrCode, module: f64) -> String {
	let mut out = format!("0.75 G 0.5 w 0.25 0.25 {:.2} {:.2} re S\n", WIDTH - 0.5, HEIGHT - 0.5);
	for (style, y, text) in lines {
		let font = if style.bold { "F2" } else { "F1" };
		let (grey, size, text) = (style.grey, style.size, pdf_string(text));
		out.push_str(&format!("{grey} g BT /{font} {size} Tf {LEFT} {y:.2} Td {text} Tj ET\n"));
	}
	// The code's square against the right edge, centred, on whole dots from the top left. Each
	// run of dark modules is a rectangle, filled as one path: anti-aliasing leaves no seams.
	let side = (code.width() + 2 * QUIET_ZONE) as f64 * module;
	let dots = |points: f64| (points / DOT).floor() * DOT;
	let left = dots(WIDTH - EDGE - side) + QUIET_ZONE as f64 * module;
	let top = HEIGHT - dots((HEIGHT - side) / 2.0) - QUIET_ZONE as f64 * module;
	out.push_str("0 g\n");
	for (row, modules) in code.to_colors().chunks(code.width()).enumerate() {
		let y = top - (row + 1) as f64 * module;
		let mut x = left;
		for run in modules.chunk_by(|a, b| a == b) {
			let width = run.len() as f64 * module;
			if run[0] == Color::Dark {
				out.push_str(&format!("{x:.3} {y:.3} {width:.3} {module:.3} re\n"));
			}
			x += width;
		}
	}
	out + "f\n"
}

/// A one-page PDF of the card's size that draws `content` with Helvetica (`/F1`) and
/// Helvetica-Bold (`/F2`), and the cross-reference table that finds each object.
fn pdf(content: &str) -> Vec<u8> {
	let font = |name: &str| {
		format!("<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>")
	};
	let objects = [
		"<< /Type /Catalog /Pages 2 0 R >>".to_string(),
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
		format!(
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH:.2} {HEIGHT:.2}] \
			 /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
		),
		font("Helvetica"),
		font("Helvetica-Bold"),
		format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
	];
	// The comment's bytes beyond ASCII tell transfer programs that the file is binary.
	let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
	let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
	for (n, object) in objects.iter().enumerate() {
		xref.push_str(&format!("{:010} 00000 n \n", out.len()));
		out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", n + 1).as_bytes());
	}
	let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n", objects.len() + 1);
	let start = out.len();
	out.extend_from_slice(format!("{xref}{trailer}{start}\n%%EOF\n").as_bytes());
	out
}

#[cfg(test)]
mod tests {
	use std::process::Command;

	use healthnet_client::portable::{read_qr, seal, Claims, Holder, Statement};

	use super::*;

	/// A certificate sealed for `holder`, and its card, issued by `issuer`.
	fn sealed(holder: &str, issuer: &str) -> (String, Result<Vec<u8>, CardError>) {
		let claims = Claims {
			id: [7; 16],
			version: 2,
			genesis: sp_core::H256::repeat_byte(9),
			issuer: 7,
			issued_at: 1_795_521_600,
			valid_from: 1_795_521_600,
			valid_until: 1_796_126_400,
			holder: Holder { name: holder.into(), birth_date: "1990-04-01".into(), salt: [3; 16] },
			statement: Statement::Infectivity { percent: 80, result_date: "2026-11-24".into() },
		};
		let text = seal(&claims, &ed25519_dalek::SigningKey::from_bytes(&[5; 32])).unwrap();
		let pdf = card_pdf(&Card { text: &text, holder, issuer, ..CARD });
		(text, pdf)
	}

	/// What the card of the certificate above shows besides its holder and issuer.
	const CARD: Card = Card {
		text: "",
		kind: "Infectivity",
		holder: "",
		birth_date: "1990-04-01",
		valid_from: "2026-11-24 12:00 UTC",
		valid_until: "2026-12-01 12:00 UTC",
		issuer: "",
		issuer_org: 7,
		certificate: "0707 0707 0707 0707 0707 0707 0707 0707",
		version: 2,
	};

	/// `n` letters in no pattern that compression could shorten.
	fn letters(n: usize) -> String {
		let next = |state: u32| state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
		let states = std::iter::successors(Some(next(1)), |&state| Some(next(state)));
		states.take(n).map(|state| char::from(b'a' + ((state >> 16) % 26) as u8)).collect()
	}

	/// What a poppler tool prints for `pdf`, written to `card.pdf` in the directory returned.
	/// Poppler complains of a damaged file (an object not at its offset) on stderr.
	fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> (String, tempfile::TempDir) {
		let dir = tempfile::tempdir().unwrap();
		std::fs::write(dir.path().join("card.pdf"), pdf).unwrap();
		let output = Command::new(tool).args(args).current_dir(&dir).output().unwrap_or_else(|e| {
			panic!("{tool} could not run ({e}): install poppler-utils (scripts/setup does)")
		});
		let stderr = String::from_utf8_lossy(&output.stderr);
		assert!(output.status.success() && stderr.is_empty(), "{tool} failed: {stderr}");
		(String::from_utf8(output.stdout).unwrap(), dir)
	}

	/// The code read from the card printed at 300 dpi, as the dashboard reads a scan.
	fn scan(pdf: &[u8]) -> String {
		let args = ["-r", "300", "-png", "-singlefile", "card.pdf", "card"];
		let (_, dir) = poppler("pdftoppm", &args, pdf);
		read_qr(&std::fs::read(dir.path().join("card.png")).unwrap(), "card.png").unwrap()
	}

	#[test]
	fn the_card_is_one_id_1_page() {
		let (info, _) = poppler("pdfinfo", &["card.pdf"], &sealed("Asha Rao", "N").1.unwrap());
		let field = |name| info.lines().find_map(|line| line.strip_prefix(name)).unwrap().trim();
		assert_eq!(field("Pages:"), "1");
		let size = field("Page size:").replace(" pts", "");
		let (width, height) = size.split_once(" x ").unwrap();
		let near = |side: &str, to: f64| (side.parse::<f64>().unwrap() - to).abs() <= 0.1;
		assert!(near(width, 242.65) && near(height, 153.01), "{info}");
	}

	#[test]
	fn the_densest_card_still_scans() {
		// Longer and longer names until the code no longer fits: the last card made has the
		// smallest modules a card is printed with.
		let cards = (100..1500).step_by(20).map(|n| sealed(&letters(n), "N"));
		let (text, pdf) = cards.take_while(|(_, pdf)| pdf.is_ok()).last().unwrap();
		let pdf = pdf.unwrap();
		assert!(text.len() > 800, "only {} characters fit", text.len());
		assert_eq!(scan(&pdf), text);
	}

	#[test]
	fn cards_whose_code_the_reader_finds_only_away_from_the_text_scan() {
		// Found by scanning 80 cards of certificates 600 to 700 characters long: two of these
		// three codes (certificates of 645 and 669 characters) the reader missed among the
		// card's text, and reads from the part of the picture without it (`read_qr`'s framings).
		for n in [237, 245, 271] {
			let (text, pdf) = sealed(&letters(n), "N");
			assert_eq!(scan(&pdf.unwrap()), text, "the card of {n} letters");
		}
	}

	#[test]
	fn a_text_too_long_for_a_scannable_code_is_refused() {
		// Too long for modules of 0.4 mm on a card, then for any QR code.
		for letters in [letters(1400), letters(4000)] {
			let (text, refused) = sealed(&letters, "N");
			let error = refused.unwrap_err();
			assert_eq!(error, CardError { chars: text.len() });
			assert!(error.to_string().contains("modules of 0.4 mm, the smallest a phone reads"));
		}
	}

	#[test]
	fn a_printed_card_scans_as_the_certificate_and_shows_its_text_as_written() {
		// Unbalanced parentheses, which only escaping keeps in the string.
		let (holder, issuer) = ("José (N. \\ Łukasz", "Clinic North) \\ Žilina €");
		let (text, pdf) = sealed(holder, issuer);
		let pdf = pdf.unwrap();
		let (printed, _) = poppler("pdftotext", &["card.pdf", "-"], &pdf);
		assert!(printed.contains("José (N. \\ ?ukasz") && printed.contains(issuer), "{printed}");
		assert_eq!(scan(&pdf), text);
		assert_eq!(pdf_string(&win_ansi("a(b)\\c\u{301} …\n")), "(a\\(b\\)\\\\c \\205 )");
	}

	#[test]
	fn every_line_stays_inside_the_card_and_long_ones_end_in_an_ellipsis() {
		let long = "Wide Wide Wide Wide Wide Wide Wide Wide Wide Wide Wide Wide Wide Wide Wide";
		let (birth_date, valid_from, valid_until) = (long, long, long);
		let certificate = &letters(200);
		let fields = Card { kind: long, holder: long, birth_date, valid_from, valid_until, ..CARD };
		let lines = layout(&Card { issuer: long, certificate, ..fields });
		for (style, y, text) in &lines {
			assert!(LEFT + width(text, *style) <= RIGHT, "{text:?} is too wide");
			assert!(*y > 20.0 && y + style.size < HEIGHT, "{text:?} is off the card");
		}
		// Kind, name, birth date, validity, issuer and id; the labels fit whole.
		assert_eq!(lines.iter().filter(|(_, _, text)| text.ends_with(&[ELLIPSIS])).count(), 7);
		assert_eq!(lines.len(), 15);
	}
}
