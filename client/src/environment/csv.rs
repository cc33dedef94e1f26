//! Hourly values that environmental monitors export as CSV, read into the daily readings a
//! monitor signs for the environment pallet: one [`Reading`] per station, measure and UTC day,
//! its mean, its highest hour and how many hours it had.
//!
//! ## Overview
//!
//! [`parse`] reads one file of one [`Format`]: a header naming the columns, then a row per
//! hourly value. Columns are found by their names (in any case, in any order, a byte order mark
//! before the first set aside); a missing or repeated one that a row is read from is a
//! [`FormatError`] that stops the whole file, as does CSV that cannot be read at all. Other
//! columns are never looked into; blank lines are passed over; lines end in LF or CRLF.
//!
//! Rows of another pollutant or nuclide are passed over and counted ([`Parsed::skipped`]), as
//! are hours the source itself marks as not valid ([`Parsed::invalid_hours`]). Any other row
//! that cannot count is a [`Refusal`] naming its line (the header is line 1), the column and the
//! rule, for the station's operator to fix at the source; a reason may quote a station code, a
//! unit or a code, never a whole row.
//!
//! ## The formats
//!
//! - [`Format::Eea`]: the time series of the European Environment Agency's Air Quality
//!   e-Reporting download service (E1a verified, E2a up-to-date data), 17 columns from
//!   Countrycode to Verification. Read are AirQualityStation (the station), AirPollutant
//!   (`PM2.5` rows only), AveragingTime (`hour`), Concentration, UnitOfMeasurement (`µg/m3`,
//!   `ug/m3` or `µg/m³`), DatetimeBegin, DatetimeEnd and Validity: 1, 2 and 3 count (2 and 3
//!   are values below the detection limit, counted as written), -1 (not valid) and -99
//!   (maintenance or calibration) do not and need no concentration.
//! - [`Format::DoseRate`]: hourly ambient gamma dose rates as a probe network exports them,
//!   with EURDEP's field names for a header. Read are LOCALITY_CODE (the station), NUCLIDE
//!   (`T-GAMMA` rows only), DURATION (`1H`), BEGIN, END, VALUE, UNIT (`nSv/h`, `µSv/h` or
//!   `uSv/h`) and VALIDATED: 1 (validated) and 0 (not yet validated, as routine data mostly
//!   are) both count.
//!
//! ## Hours, days and units
//!
//! A value counts for the hour its begin time falls in and for that hour's day in UTC, so a
//! time must carry its offset: EEA's `2026-12-05 00:00:00 +01:00` (an hour of 4 December in
//! UTC) or RFC 3339's `2026-12-05T00:00:00Z`. Its end must be exactly one hour after its begin:
//! only hourly values make a daily mean and maximum. A station has one value an hour; a second
//! for an hour it has one for is refused.
//!
//! Each value is first made an integer in thousandths of its measure's unit (nSv/h for a dose
//! rate, ng/m³ for PM2.5), read from its decimal digits and rounded half away from zero, so
//! that no figure depends on floating point. A day's mean is the sum of its values over its
//! hours, rounded half up, its maximum the highest of them. A day with fewer than
//! [`MIN_HOURS`] valid hours, the 75 % of 24 that Directive 2008/50/EC asks of a daily mean,
//! is [`Incomplete`], not a reading.
//!
//! ## Crates
//!
//! CSV is read by the `csv` crate (MIT or Unlicense, the de facto reader in Rust), which
//! handles quoting (a station's name with a comma in it), streams the file so that memory
//! grows with the days read rather than the rows, and counts the lines a refusal names.
//! Times are read by `chrono`, already in the workspace's lock file, which reads offsets and
//! RFC 3339 and does the calendar's arithmetic.

use std::{collections::BTreeMap, io::Read};

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta};
use csv::{ByteRecord, ReaderBuilder, Terminator};
use healthnet_primitives::{
	environment::{Measure, Reading},
	surveillance::Period,
};

/// The CSV layouts [`parse`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
	/// The EEA's Air Quality e-Reporting time series (E1a, E2a), of which PM2.5 is read.
	Eea,
	/// Hourly ambient gamma dose rates with EURDEP's field names, of which T-GAMMA is read.
	DoseRate,
}

/// A station's reading of a day, ready to be signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StationDay {
	/// The station's code as the file gives it (AirQualityStation, LOCALITY_CODE).
	pub station: String,
	/// Its day of the measure.
	pub reading: Reading,
}

/// A station's day with too few valid hours to make a reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incomplete {
	/// The station's code.
	pub station: String,
	/// What it measured.
	pub measure: Measure,
	/// The day (UTC).
	pub day: Period,
	/// How many valid hours the day had, fewer than [`MIN_HOURS`].
	pub hours: u8,
}

/// A row that did not count, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
	/// The row's line in the file, the header's being 1.
	pub line: u64,
	/// What is wrong, as a sentence naming the column and the rule.
	pub reason: String,
}

/// What [`parse`] made of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
	/// The readings, in order of station, measure and day.
	pub days: Vec<StationDay>,
	/// The days with too few hours, in the same order.
	pub incomplete: Vec<Incomplete>,
	/// The rows refused, in the order of the file.
	pub refused: Vec<Refusal>,
	/// How many rows were of another pollutant or nuclide.
	pub skipped: usize,
	/// How many hours the source marked as not valid (EEA's validity -1 and -99).
	pub invalid_hours: usize,
}

/// What stops a whole file from being read.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
	/// The file cannot be read, or not as CSV.
	#[error("the file cannot be read as CSV: {0}")]
	Unreadable(#[from] csv::Error),
	/// The header lacks a column the format's rows are read from.
	#[error("the header has no {column} column, which {} must have", .format.layout().name)]
	MissingColumn {
		/// The column's name.
		column: &'static str,
		/// The format the file was read as.
		format: Format,
	},
	/// The header names a column the format's rows are read from twice.
	#[error("the header has two {column} columns; which to read is unclear")]
	RepeatedColumn {
		/// The column's name.
		column: &'static str,
	},
}

/// The fewest valid hours a day's reading is made of: 18 of 24, the 75 % coverage Directive
/// 2008/50/EC asks of a daily mean.
pub const MIN_HOURS: u8 = 18;

/// One thing for each column a row is read from: its name, then its place in the header.
struct Columns<T> {
	station: T,
	measure: T,
	averaging: T,
	value: T,
	unit: T,
	begin: T,
	end: T,
	validity: T,
}

/// How a format's rows are read: its columns' names and the words it writes in them.
struct Layout {
	/// The format as an error names it.
	name: &'static str,
	/// Its columns, in the order a missing one is looked for.
	columns: Columns<&'static str>,
	/// What it is read for.
	measure: Measure,
	/// The pollutant or nuclide read, as the measure column names it.
	code: &'static str,
	/// What its values are, for a refusal.
	quantity: &'static str,
	/// How the averaging column names an hour.
	hourly: &'static str,
	/// The units it reads, for a refusal.
	units: &'static str,
}

/// The layout of [`Format::Eea`].
const EEA: Layout = Layout {
	name: "an EEA air-quality time series (E1a/E2a)",
	columns: Columns {
		station: "AirQualityStation",
		measure: "AirPollutant",
		averaging: "AveragingTime",
		value: "Concentration",
		unit: "UnitOfMeasurement",
		begin: "DatetimeBegin",
		end: "DatetimeEnd",
		validity: "Validity",
	},
	measure: Measure::Pm25,
	code: "PM2.5",
	quantity: "PM2.5 concentration",
	hourly: "hour",
	units: "PM2.5 is read in µg/m3 (or ug/m3, µg/m³)",
};

/// The layout of [`Format::DoseRate`].
const DOSE_RATE: Layout = Layout {
	name: "a dose-rate export with EURDEP's field names",
	columns: Columns {
		station: "LOCALITY_CODE",
		measure: "NUCLIDE",
		averaging: "DURATION",
		value: "VALUE",
		unit: "UNIT",
		begin: "BEGIN",
		end: "END",
		validity: "VALIDATED",
	},
	measure: Measure::GammaDoseRate,
	code: "T-GAMMA",
	quantity: "dose rate",
	hourly: "1H",
	units: "dose rates are read in nSv/h or µSv/h (uSv/h)",
};

impl Format {
	/// How its rows are read.
	fn layout(self) -> &'static Layout {
		match self {
			Format::Eea => &EEA,
			Format::DoseRate => &DOSE_RATE,
		}
	}

	/// How many decimal places take a value in `unit` to thousandths of the measure's unit.
	fn places(self, unit: &str) -> Option<u32> {
		// The micro sign (U+00B5) and the Greek mu (U+03BC) are both written for micro.
		let unit = unit.replace('\u{3bc}', "\u{b5}").to_lowercase();
		match (self, unit.as_str()) {
			(Format::Eea, "µg/m3" | "ug/m3" | "µg/m³") => Some(3),
			(Format::DoseRate, "nsv/h") => Some(0),
			(Format::DoseRate, "µsv/h" | "usv/h") => Some(3),
			_ => None,
		}
	}

	/// Whether an hour of validity `written` counts, or why the row is refused.
	fn counts(self, written: &str) -> Result<bool, String> {
		let code = written.parse::<i32>().ok();
		let column = self.layout().columns.validity;
		match (self, code) {
			(Format::Eea, Some(1..=3)) | (Format::DoseRate, Some(0 | 1)) => Ok(true),
			(Format::Eea, Some(-1 | -99)) => Ok(false),
			(Format::Eea, _) => Err(format!(
				"{column} is {}; only 1, 2 and 3 (valid) and -1 and -99 (not valid) are read",
				shown(written)
			)),
			(Format::DoseRate, _) => Err(format!(
				"{column} is {}; only 1 (validated) and 0 (not yet validated) are read",
				shown(written)
			)),
		}
	}
}

/// A row as read.
enum Row<'r> {
	/// A valid hourly value.
	Hour(Hour<'r>),
	/// A row of another pollutant or nuclide.
	Other,
	/// An hour its source marked as not valid.
	Invalid,
}

/// A valid hourly value.
struct Hour<'r> {
	/// The station's code.
	station: &'r str,
	/// Its begin time as written, to name the hour.
	begin: &'r str,
	/// The UTC day its begin time falls in.
	day: Period,
	/// The hour of that day, from 0.
	slot: usize,
	/// The value in thousandths of the measure's unit.
	value: u32,
}

/// A station's day as read so far.
#[derive(Default)]
struct Day {
	/// The line of each hour's value (UTC), for the hours it has one for.
	lines: [Option<u64>; 24],
	/// The sum of its values.
	sum: u64,
	/// The highest of them.
	max: u32,
}

/// Reads the daily readings out of `input`, a CSV file of `format` (see the module's
/// documentation).
pub fn parse(format: Format, input: impl Read) -> Result<Parsed, FormatError> {
	// Rows end in LF, a CR before it trimmed with the last field, so that a row's terminator is
	// read with it and the reader's line after it is the next row's, CRLF or not.
	let mut reader = ReaderBuilder::new()
		.flexible(true)
		.terminator(Terminator::Any(b'\n'))
		.from_reader(EndsInLineFeed { input, last: None });
	let columns = find_columns(format, reader.byte_headers()?)?;
	let mut stations: BTreeMap<String, BTreeMap<Period, Day>> = BTreeMap::new();
	let mut parsed = Parsed::default();
	let mut record = ByteRecord::new();
	while reader.read_byte_record(&mut record)? {
		// Counted back from the row's end: the csv crate's record positions are off by one after
		// blank lines and after CRLF (rust-csv issues 208 and 395).
		let breaks = record.as_slice().iter().filter(|&&byte| byte == b'\n').count() as u64;
		let line = reader.position().line().saturating_sub(1 + breaks);
		if record.iter().all(|field| field.trim_ascii().is_empty()) {
			// A blank line, CRLF's among them, or a row of empty fields.
			continue;
		}
		match read_row(format, &columns, &record) {
			Ok(Row::Hour(hour)) => {
				if let Err(reason) = add(format, &mut stations, line, hour) {
					parsed.refused.push(Refusal { line, reason });
				}
			},
			Ok(Row::Other) => parsed.skipped += 1,
			Ok(Row::Invalid) => parsed.invalid_hours += 1,
			Err(reason) => parsed.refused.push(Refusal { line, reason }),
		}
	}
	let measure = format.layout().measure;
	for (station, days) in stations {
		for (day, values) in days {
			let hours = values.lines.iter().flatten().count() as u8;
			if hours < MIN_HOURS {
				let station = station.clone();
				parsed.incomplete.push(Incomplete { station, measure, day, hours });
				continue;
			}
			let count = u64::from(hours);
			let mean = (2 * values.sum + count) / (2 * count);
			// A mean is never above the day's highest value, a u32.
			let mean = u32::try_from(mean).unwrap_or(values.max);
			let reading = Reading { day, measure, mean, max: values.max, hours };
			parsed.days.push(StationDay { station: station.clone(), reading });
		}
	}
	Ok(parsed)
}

/// A reader that ends in a line feed, adding one if its input does not, so that every row's
/// terminator is read with it.
struct EndsInLineFeed<R> {
	/// What is read.
	input: R,
	/// The last byte read; a line feed once the one added is.
	last: Option<u8>,
}

impl<R: Read> Read for EndsInLineFeed<R> {
	fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
		let read = self.input.read(buffer)?;
		if let Some(&byte) = buffer[..read].last() {
			self.last = Some(byte);
		} else if self.last.is_some_and(|byte| byte != b'\n') && !buffer.is_empty() {
			(buffer[0], self.last) = (b'\n', Some(b'\n'));
			return Ok(1);
		}
		Ok(read)
	}
}

/// Where `format`'s columns are in `header`.
fn find_columns(format: Format, header: &ByteRecord) -> Result<Columns<usize>, FormatError> {
	let names: Vec<String> = header
		.iter()
		.map(|name| String::from_utf8_lossy(name.strip_prefix(b"\xef\xbb\xbf").unwrap_or(name)))
		.map(|name| name.trim().to_string())
		.collect();
	let find = |column: &'static str| {
		let mut at = names.iter().enumerate().filter(|(_, name)| name.eq_ignore_ascii_case(column));
		match (at.next(), at.next()) {
			(Some((index, _)), None) => Ok(index),
			(None, _) => Err(FormatError::MissingColumn { column, format }),
			(Some(_), Some(_)) => Err(FormatError::RepeatedColumn { column }),
		}
	};
	let names = &format.layout().columns;
	Ok(Columns {
		station: find(names.station)?,
		measure: find(names.measure)?,
		averaging: find(names.averaging)?,
		value: find(names.value)?,
		unit: find(names.unit)?,
		begin: find(names.begin)?,
		end: find(names.end)?,
		validity: find(names.validity)?,
	})
}

/// What `record`, a row of `format` whose columns are at `columns`, holds, or why it cannot
/// count.
fn read_row<'r>(
	format: Format,
	columns: &Columns<usize>,
	record: &'r ByteRecord,
) -> Result<Row<'r>, String> {
	let layout = format.layout();
	let names = &layout.columns;
	let text = |name: &str, at: usize| match record.get(at) {
		None => {
			Err(format!("the row has {} fields and ends before its {name} column", record.len()))
		},
		Some(raw) => match std::str::from_utf8(raw) {
			Ok(text) => Ok(text.trim()),
			Err(_) => Err(format!("{name} is not UTF-8 text")),
		},
	};
	if !text(names.measure, columns.measure)?.eq_ignore_ascii_case(layout.code) {
		return Ok(Row::Other);
	}
	let station = text(names.station, columns.station)?;
	if station.is_empty() {
		return Err(format!("{} is empty; every value must name its station", names.station));
	}
	let averaging = text(names.averaging, columns.averaging)?;
	if !averaging.eq_ignore_ascii_case(layout.hourly) {
		return Err(format!(
			"{} is {}; only hourly values ({}) are read, as only they make a daily mean and \
			 maximum",
			names.averaging,
			shown(averaging),
			layout.hourly
		));
	}
	if !format.counts(text(names.validity, columns.validity)?)? {
		return Ok(Row::Invalid);
	}
	let begin = text(names.begin, columns.begin)?;
	let begins = time(names.begin, begin)?;
	let ends = time(names.end, text(names.end, columns.end)?)?;
	let span = ends - begins;
	if span != TimeDelta::hours(1) {
		let (minutes, way) = match span.num_minutes() {
			minutes if span < TimeDelta::zero() => (-minutes, "before"),
			minutes => (minutes, "after"),
		};
		return Err(format!(
			"{} is {minutes} minutes {way} {}; an hourly value spans exactly one hour",
			names.end, names.begin
		));
	}
	let hour = begins.timestamp().div_euclid(3600);
	// Chrono's latest year, 262 143, is still within a `Period` of days.
	let Ok(day) = Period::try_from(hour.div_euclid(24)) else {
		return Err(format!("{} is before 1970, before any day a reading names", names.begin));
	};
	let unit = text(names.unit, columns.unit)?;
	let Some(places) = format.places(unit) else {
		return Err(format!("{} is {}; {}", names.unit, shown(unit), layout.units));
	};
	let written = text(names.value, columns.value)?;
	let value = thousandths(written, places).map_err(|fault| match fault {
		Fault::Empty => {
			format!("{} is empty, though {} marks the hour valid", names.value, names.validity)
		},
		Fault::NotANumber => format!("{} is {}, not a number", names.value, shown(written)),
		Fault::Negative => format!(
			"{} is {}, below zero, which no {} can be",
			names.value,
			shown(written),
			layout.quantity
		),
		Fault::TooLarge => format!(
			"{} is {} {unit}, more than a reading can hold (4 294 967.295 {})",
			names.value,
			shown(written),
			layout.measure.unit()
		),
	})?;
	let slot = hour.rem_euclid(24) as usize;
	Ok(Row::Hour(Hour { station, begin, day, slot, value }))
}

/// Adds `hour`, read on `line`, to its station's day, or says why it cannot be.
fn add(
	format: Format,
	stations: &mut BTreeMap<String, BTreeMap<Period, Day>>,
	line: u64,
	hour: Hour,
) -> Result<(), String> {
	let values = stations.entry(hour.station.to_string()).or_default();
	let values = values.entry(hour.day).or_default();
	let slot = &mut values.lines[hour.slot];
	if let Some(first) = slot {
		let names = &format.layout().columns;
		return Err(format!(
			"{} {} already has a value for the hour from {} {}, on line {first}; a station \
			 has one value an hour",
			names.station,
			shown(hour.station),
			names.begin,
			shown(hour.begin)
		));
	}
	*slot = Some(line);
	values.sum += u64::from(hour.value);
	values.max = values.max.max(hour.value);
	Ok(())
}

/// What is wrong with a value.
#[derive(Debug, PartialEq, Eq)]
enum Fault {
	/// There is none.
	Empty,
	/// It is not a decimal number.
	NotANumber,
	/// It is below zero.
	Negative,
	/// In thousandths of its unit it is more than a `u32` holds.
	TooLarge,
}

/// `written`, a decimal number (`12.4`, `.5`, `1.2E-2`), times 10 to the power `places`,
/// rounded half away from zero to an integer, exactly: from its digits, never through floating
/// point.
fn thousandths(written: &str, places: u32) -> Result<u32, Fault> {
	if written.is_empty() {
		return Err(Fault::Empty);
	}
	let (negative, unsigned) = match written.as_bytes()[0] {
		b'-' => (true, &written[1..]),
		b'+' => (false, &written[1..]),
		_ => (false, written),
	};
	let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
		Some((mantissa, exponent)) => {
			(mantissa, exponent.parse::<i64>().map_err(|_| Fault::NotANumber)?)
		},
		None => (unsigned, 0),
	};
	let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
	let is_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
	if whole.len() + fraction.len() == 0 || !is_digits(whole) || !is_digits(fraction) {
		return Err(Fault::NotANumber);
	}
	// The value is `digits` times 10 to the power `shift`.
	let digits: Vec<u8> =
		whole.bytes().chain(fraction.bytes()).skip_while(|&b| b == b'0').collect();
	if digits.is_empty() {
		return Ok(0);
	}
	if negative {
		return Err(Fault::Negative);
	}
	let shift = exponent.saturating_sub(fraction.len() as i64).saturating_add(i64::from(places));
	// Digits kept before the point, and the first dropped, which rounds.
	let kept = (digits.len() as i64).saturating_add(shift);
	// u32::MAX has ten digits.
	if kept > 10 {
		return Err(Fault::TooLarge);
	}
	let Ok(kept) = usize::try_from(kept) else {
		return Ok(0);
	};
	let mut value = 0u64;
	for index in 0..kept {
		value = value * 10 + u64::from(digits.get(index).map_or(0, |digit| digit - b'0'));
	}
	if digits.get(kept).is_some_and(|&digit| digit >= b'5') {
		value += 1;
	}
	u32::try_from(value).map_err(|_| Fault::TooLarge)
}

/// The time `written` in column `column`, with its offset, or why it is not one.
fn time(column: &str, written: &str) -> Result<DateTime<FixedOffset>, String> {
	let local = |layout| NaiveDateTime::parse_from_str(written, layout).is_ok();
	DateTime::parse_from_rfc3339(written)
		.or_else(|_| DateTime::parse_from_str(written, "%Y-%m-%d %H:%M:%S %:z"))
		.map_err(|_| {
			let why = if local("%Y-%m-%d %H:%M:%S") || local("%Y-%m-%dT%H:%M:%S") {
				"with no UTC offset (such as +01:00 or Z), without which its day is unknown"
			} else {
				"not a time such as 2026-12-05 00:00:00 +01:00 or 2026-12-05T00:00:00Z"
			};
			format!("{column} is {}, {why}", shown(written))
		})
}

/// `text` for a refusal: itself, quoted if it has spaces; `empty`; or, if long or holding
/// control characters, only its length.
fn shown(text: &str) -> String {
	match text.chars().count() {
		0 => "empty".into(),
		n if n > 40 || text.chars().any(char::is_control) => format!("[{n} characters]"),
		_ if text.contains(char::is_whitespace) => format!("\"{text}\""),
		_ => text.into(),
	}
}

#[cfg(test)]
#[path = "csv/tests.rs"]
mod tests;
