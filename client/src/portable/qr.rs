//! The certificate as a QR code: drawn as a PNG or SVG image, and read back from a picture
//! (PNG or JPEG) within [`ImageLimits`], so that a small crafted file cannot take the
//! reader's memory and time.

use std::io::{Cursor, Write};

use image::ImageDecoder;

use super::CertificateError;

/// The certificate's text as a QR code, a PNG image.
pub fn qr_png(text: &str) -> Result<Vec<u8>, CertificateError> {
	let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::Q)
		.map_err(|e| CertificateError::Structure(format!("it does not fit a QR code ({e})")))?;
	let image = code.render::<image::Luma<u8>>().module_dimensions(4, 4).build();
	let mut png = Vec::new();
	image::DynamicImage::ImageLuma8(image)
		.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
		.map_err(|e| {
			CertificateError::Structure(format!("its QR image could not be written ({e})"))
		})?;
	Ok(png)
}

/// The certificate's text as a QR code, an SVG document.
pub fn qr_svg(text: &str) -> Result<String, CertificateError> {
	let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::Q)
		.map_err(|e| CertificateError::Structure(format!("it does not fit a QR code ({e})")))?;
	Ok(code.render::<qrcode::render::svg::Color>().min_dimensions(256, 256).build())
}

/// How large a picture [`read_qr_within`] reads: enough for a phone's photo of a QR code,
/// too little for a small crafted file to take the reader's memory and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageLimits {
	/// The largest file, in bytes.
	pub max_bytes: usize,
	/// The widest picture, in pixels.
	pub max_width: u32,
	/// The tallest picture, in pixels.
	pub max_height: u32,
	/// The most memory the decoder may take, in bytes, the decoded pixels included.
	pub max_alloc: u64,
}

impl ImageLimits {
	/// 8 MiB, 4096 × 4096 pixels and 64 MiB of memory: a 12-megapixel phone photo (4032 ×
	/// 3024 pixels, 35 MiB decoded) fits.
	pub const DEFAULT: ImageLimits = ImageLimits {
		max_bytes: 8 * 1024 * 1024,
		max_width: 4096,
		max_height: 4096,
		max_alloc: 64 * 1024 * 1024,
	};
}

/// The picture formats a QR code is read from.
const QR_FORMATS: [image::ImageFormat; 2] = [image::ImageFormat::Png, image::ImageFormat::Jpeg];

/// A size in bytes as mebibytes, with one decimal when it is not whole. Rounded up, so that a
/// size just over a limit never reads as the limit itself.
pub(super) fn mebibytes(bytes: u64) -> String {
	let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
	match tenths % 10 {
		0 => (tenths / 10).to_string(),
		tenth => format!("{}.{tenth}", tenths / 10),
	}
}

/// The text of the QR code in a picture (PNG or JPEG) within [`ImageLimits::DEFAULT`].
pub fn read_qr(image_bytes: &[u8], name: &str) -> Result<String, CertificateError> {
	read_qr_within(image_bytes, name, &ImageLimits::DEFAULT)
}

/// The text of the QR code in a picture (PNG or JPEG), refusing one beyond `limits` before
/// it is decoded. It holds a core while it decodes: call it off an async runtime.
pub fn read_qr_within(
	image_bytes: &[u8],
	name: &str,
	limits: &ImageLimits,
) -> Result<String, CertificateError> {
	let no_code = || CertificateError::NoQrCode(name.to_string());
	if image_bytes.len() > limits.max_bytes {
		return Err(CertificateError::ImageTooHeavy {
			name: name.to_string(),
			bytes: image_bytes.len(),
			max: limits.max_bytes,
		});
	}
	let reader = |decoder_limits: image::Limits| {
		let mut reader = image::ImageReader::new(Cursor::new(image_bytes))
			.with_guessed_format()
			.map_err(|_| no_code())?;
		if !reader.format().is_some_and(|format| QR_FORMATS.contains(&format)) {
			return Err(CertificateError::ImageFormat(name.to_string()));
		}
		reader.limits(decoder_limits);
		Ok(reader)
	};
	// The header first, without the decoder's own dimension limits, so that a picture too
	// large is refused with its size rather than with the decoder's error.
	let mut memory = image::Limits::default();
	memory.max_alloc = Some(limits.max_alloc);
	let (width, height, needed) = {
		let header = reader(memory.clone())?.into_decoder().map_err(|_| no_code())?;
		let (width, height) = header.dimensions();
		(width, height, header.total_bytes())
	};
	if width > limits.max_width || height > limits.max_height {
		return Err(CertificateError::ImageTooLarge {
			name: name.to_string(),
			width,
			height,
			max_width: limits.max_width,
			max_height: limits.max_height,
		});
	}
	let too_much_memory = || CertificateError::ImageNeedsTooMuchMemory {
		name: name.to_string(),
		needed,
		max: limits.max_alloc,
	};
	if needed > limits.max_alloc {
		return Err(too_much_memory());
	}
	let mut strict = memory;
	strict.max_image_width = Some(limits.max_width);
	strict.max_image_height = Some(limits.max_height);
	let image = match reader(strict)?.decode() {
		Ok(image) => image.into_luma8(),
		Err(image::ImageError::Limits(_)) => return Err(too_much_memory()),
		Err(_) => return Err(no_code()),
	};
	let read = |picture: image::GrayImage| {
		let mut prepared = rqrr::PreparedImage::prepare(picture);
		prepared
			.detect_grids()
			.into_iter()
			.find_map(|grid| grid.decode().ok().map(|(_, text)| text))
	};
	// The whole picture first (handed over without a copy when it is too large for its parts),
	// then its parts: at most five passes over a picture of at most `FRAMED_PIXELS`.
	let framed = u64::from(image.width()) * u64::from(image.height()) <= FRAMED_PIXELS;
	if !framed {
		return read(image).ok_or_else(no_code);
	}
	let text = read(image.clone()).or_else(|| framings(&image).find_map(read));
	text.ok_or_else(no_code)
}

/// The most pixels a picture may have for [`read_qr_within`] to look at its parts too: a card
/// rendered at 600 dpi (2.6 megapixels) fits; a phone's photo is read whole only.
const FRAMED_PIXELS: u64 = 4_000_000;

/// The overlapping two-thirds of a picture (right, left, bottom, top), each made only when the
/// one before found nothing. The reader finds a
/// code's finder patterns among the picture's other shapes, and misses some when there are
/// many: about one printed card in forty, rendered at 300 dpi, is read only from the part
/// without the card's text.
fn framings(image: &image::GrayImage) -> impl Iterator<Item = image::GrayImage> + '_ {
	let (width, height) = image.dimensions();
	let (third_w, third_h) = (width / 3, height / 3);
	let parts = [
		(third_w, 0, width - third_w, height),
		(0, 0, width - third_w, height),
		(0, third_h, width, height - third_h),
		(0, 0, width, height - third_h),
	];
	let framed = third_w > 0 && third_h > 0;
	parts
		.into_iter()
		.take(if framed { parts.len() } else { 0 })
		.map(|(x, y, w, h)| image::imageops::crop_imm(image, x, y, w, h).to_image())
}

/// A valid 8-bit grey PNG of `side` × `side` black pixels, for trying the limits of whatever
/// reads pictures (the dashboard's tests send one), built a row at a time so that nothing
/// ever holds the picture itself: a few hundred kilobytes that decode to `side`² bytes.
pub fn black_png(side: u32) -> Vec<u8> {
	fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
		let mut crc = flate2::Crc::new();
		crc.update(kind);
		crc.update(data);
		png.extend_from_slice(&(data.len() as u32).to_be_bytes());
		png.extend_from_slice(kind);
		png.extend_from_slice(data);
		png.extend_from_slice(&crc.sum().to_be_bytes());
	}
	let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
	let mut header = [side.to_be_bytes(), side.to_be_bytes()].concat();
	// Bit depth 8, grey, deflate, adaptive filtering, not interlaced.
	header.extend_from_slice(&[8, 0, 0, 0, 0]);
	chunk(&mut png, b"IHDR", &header);
	let mut pixels = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
	// Each row: the filter byte (none), then the row's pixels.
	let row = vec![0u8; 1 + side as usize];
	for _ in 0..side {
		pixels.write_all(&row).expect("writing to memory does not fail");
	}
	chunk(&mut png, b"IDAT", &pixels.finish().expect("writing to memory does not fail"));
	chunk(&mut png, b"IEND", &[]);
	png
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The text of a QR code in the tests: any text does.
	const TEXT: &str = "HN1:THE TEXT OF A CERTIFICATE";

	#[test]
	fn a_picture_beyond_the_limits_is_refused_before_it_is_decoded() {
		let png = black_png(16_384);
		let error = read_qr(&png, "huge.png").unwrap_err();
		assert_eq!(
			error.to_string(),
			"the picture huge.png is 16384 × 16384 pixels, more than the 4096 × 4096 that are \
			 read: crop it to the QR code or take it again at a lower resolution"
		);
	}

	#[test]
	fn a_jpeg_photo_of_the_code_reads_too() {
		let png = qr_png(TEXT).unwrap();
		let code = image::load_from_memory(&png).unwrap().into_rgb8();
		let mut jpeg = Vec::new();
		image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
			.encode_image(&code)
			.unwrap();
		assert!(jpeg.starts_with(b"\xff\xd8"));
		assert_eq!(read_qr(&jpeg, "photo.jpg").unwrap(), TEXT);
	}

	#[test]
	fn a_file_or_a_decoding_beyond_the_limits_is_refused_with_its_size() {
		let png = qr_png(TEXT).unwrap();
		assert_eq!(read_qr(&png, "code.png").unwrap(), TEXT);
		let bytes = png.len();
		let tight = ImageLimits { max_bytes: bytes - 1, ..ImageLimits::DEFAULT };
		assert_eq!(
			read_qr_within(&png, "code.png", &tight),
			Err(CertificateError::ImageTooHeavy { name: "code.png".into(), bytes, max: bytes - 1 })
		);
		let side = image::load_from_memory(&png).unwrap().width() as u64;
		let needed = side * side;
		let tight = ImageLimits { max_alloc: needed - 1, ..ImageLimits::DEFAULT };
		assert_eq!(
			read_qr_within(&png, "code.png", &tight),
			Err(CertificateError::ImageNeedsTooMuchMemory {
				name: "code.png".into(),
				needed,
				max: needed - 1
			})
		);
		let error = CertificateError::ImageTooHeavy {
			name: "photo.jpg".into(),
			bytes: 9 * 1024 * 1024 + 512 * 1024,
			max: ImageLimits::DEFAULT.max_bytes,
		};
		assert_eq!(
			error.to_string(),
			"the picture photo.jpg is 9.5 MiB, more than the 8 MiB that are read: take a \
			 smaller one"
		);
		assert_eq!(mebibytes(8 * 1024 * 1024 + 1), "8.1");
	}

	#[test]
	fn only_png_and_jpeg_pictures_are_read() {
		let mut gif = b"GIF89a".to_vec();
		gif.extend_from_slice(&[1, 0, 1, 0, 0, 0, 0, 0x3b]);
		for not_read in [&b"not an image"[..], &gif] {
			assert_eq!(
				read_qr(not_read, "file"),
				Err(CertificateError::ImageFormat("file".into()))
			);
		}
		let mut damaged = qr_png(TEXT).unwrap();
		damaged.truncate(40);
		assert_eq!(
			read_qr(&damaged, "code.png"),
			Err(CertificateError::NoQrCode("code.png".into()))
		);
	}
}
