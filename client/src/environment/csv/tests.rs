use super::*;

/// Two Bengaluru stations' PM2.5 as the EEA's download service writes it, in local time
/// (+01:00) from 2026-12-05 01:00 to 2026-12-07 22:00: 00:00 UTC on the 5th to 21:00 UTC on
/// the 7th, so no hour falls on the 4th or the 8th. STA-IN-KA-BLR-0001 has two hours of
/// validity -1 on the 5th and a smoky 6th; STA-IN-KA-BLR-0002 has 12 hours on the 6th, then
/// three of maintenance (-99) and none; a row of NO2 sits between them.
const EEA_FIXTURE: &str = include_str!("../../../tests/fixtures/environment/eea-pm25.csv");
/// Two gamma probes' hourly dose rates, one in nSv/h and one in µSv/h, from 00:00 UTC on
/// 2026-12-05 to 22:00 UTC on 2026-12-07, with a two-hour spike to 450 nSv/h on the 6th, a
/// ten-minute value (refused) and a row of I-131 (skipped).
const DOSE_FIXTURE: &str = include_str!("../../../tests/fixtures/environment/dose-rate.csv");

/// 2026-12-05, -06 and -07, the fixtures' days.
const DEC_5: Period = 20_792;
const DEC_6: Period = 20_793;
const DEC_7: Period = 20_794;

/// A station's reading of `measure` as [`StationDay`], to compare whole.
fn day(station: &str, measure: Measure, day: Period, mean: u32, max: u32, hours: u8) -> StationDay {
	StationDay { station: station.into(), reading: Reading { day, measure, mean, max, hours } }
}

/// The refusals as (line, reason), to compare whole.
fn refusals(parsed: &Parsed) -> Vec<(u64, &str)> {
	parsed.refused.iter().map(|r| (r.line, r.reason.as_str())).collect()
}

/// The header of the inline EEA files: only the columns read, in another order than EEA's.
const EEA_HEADER: &str = "Validity,AirQualityStation,AirPollutant,AveragingTime,Concentration,\
                          UnitOfMeasurement,DatetimeBegin,DatetimeEnd";

/// An EEA file of `rows`, each `validity,station,pollutant,averaging,value,unit,begin,end`.
fn eea(rows: &[String]) -> Parsed {
	let text = format!("{EEA_HEADER}\n{}\n", rows.join("\n"));
	parse(Format::Eea, text.as_bytes()).expect("the header has every column")
}

/// A valid hourly PM2.5 row of `station` in µg/m3 from `begin` (RFC 3339 or EEA's form).
fn pm25(station: &str, begin: &str, value: &str) -> String {
	let begin = DateTime::parse_from_rfc3339(begin)
		.or_else(|_| DateTime::parse_from_str(begin, "%Y-%m-%d %H:%M:%S %:z"))
		.expect("a time with an offset");
	let end = begin + TimeDelta::hours(1);
	format!("1,{station},PM2.5,hour,{value},µg/m3,{},{}", begin.to_rfc3339(), end.to_rfc3339())
}

/// `hours` valid rows of `station` from 00:00 UTC on 2026-12-05, each of `value`.
fn pm25_day(station: &str, hours: i64, value: &str) -> Vec<String> {
	let midnight = DateTime::parse_from_rfc3339("2026-12-05T00:00:00Z").expect("a time");
	let hour = |h| (midnight + TimeDelta::hours(h)).to_rfc3339();
	(0..hours).map(|h| pm25(station, &hour(h), value)).collect()
}

/// The header of the inline dose-rate files.
const DOSE_HEADER: &str = "LOCALITY_CODE,NUCLIDE,DURATION,BEGIN,END,VALUE,UNIT,VALIDATED";

/// A dose-rate file of `rows`.
fn dose(rows: &[String]) -> Parsed {
	let text = format!("{DOSE_HEADER}\n{}\n", rows.join("\n"));
	parse(Format::DoseRate, text.as_bytes()).expect("the header has every column")
}

/// A validated T-GAMMA row of IN0001 for hour `hour` of 2026-12-05 (0 to 22).
fn gamma(hour: u32, value: &str, unit: &str) -> String {
	gamma_validated(hour, value, unit, "1")
}

/// A T-GAMMA row of IN0001 for hour `hour` of 2026-12-05, VALIDATED `validated`.
fn gamma_validated(hour: u32, value: &str, unit: &str, validated: &str) -> String {
	let begin = format!("2026-12-05T{hour:02}:00:00Z");
	let end = format!("2026-12-05T{:02}:00:00Z", hour + 1);
	format!("IN0001,T-GAMMA,1H,{begin},{end},{value},{unit},{validated}")
}

#[test]
fn eea_fixture_gives_each_complete_station_day_its_mean_and_maximum() {
	// Each figure summed from the fixture's rows, every value first rounded to 0.001 µg/m³
	// (19.0005 to 19.001, 21.3456 to 21.346), by Python's Decimal.
	let parsed = parse(Format::Eea, EEA_FIXTURE.as_bytes()).expect("a well-formed file");
	let pm = Measure::Pm25;
	assert_eq!(
		parsed.days,
		vec![
			day("STA-IN-KA-BLR-0001", pm, DEC_5, 19_625, 24_963, 22),
			day("STA-IN-KA-BLR-0001", pm, DEC_6, 60_627, 74_864, 24),
			day("STA-IN-KA-BLR-0001", pm, DEC_7, 19_574, 24_695, 22),
			day("STA-IN-KA-BLR-0002", pm, DEC_5, 19_576, 24_269, 24),
			day("STA-IN-KA-BLR-0002", pm, DEC_7, 19_817, 23_871, 22),
		]
	);
}

#[test]
fn eea_fixture_lists_the_day_of_twelve_hours_as_incomplete_and_counts_what_it_set_aside() {
	let parsed = parse(Format::Eea, EEA_FIXTURE.as_bytes()).expect("a well-formed file");
	let station = "STA-IN-KA-BLR-0002".to_string();
	let incomplete = Incomplete { station, measure: Measure::Pm25, day: DEC_6, hours: 12 };
	assert_eq!(parsed.incomplete, vec![incomplete]);
	assert_eq!(refusals(&parsed), vec![]);
	assert_eq!(parsed.skipped, 1, "the NO2 row");
	assert_eq!(parsed.invalid_hours, 5, "two hours of validity -1, three of -99");
}

#[test]
fn eea_fixture_reads_the_same_with_crlf_and_a_byte_order_mark() {
	let windows = format!("\u{feff}{}", EEA_FIXTURE.replace('\n', "\r\n"));
	let parsed = parse(Format::Eea, windows.as_bytes()).expect("a well-formed file");
	assert_eq!(parsed, parse(Format::Eea, EEA_FIXTURE.as_bytes()).expect("a well-formed file"));
}

#[test]
fn dose_rate_fixture_gives_each_station_day_in_nsv_per_hour() {
	// Each figure summed from the fixture's rows by Python's Decimal; IN0002's µSv/h taken to
	// nSv/h, 0.0945 to 95 and 0.0905 to 91.
	let parsed = parse(Format::DoseRate, DOSE_FIXTURE.as_bytes()).expect("a well-formed file");
	let gamma = Measure::GammaDoseRate;
	assert_eq!(
		parsed.days,
		vec![
			day("IN0001", gamma, DEC_5, 105, 115, 24),
			day("IN0001", gamma, DEC_6, 133, 450, 24),
			day("IN0001", gamma, DEC_7, 104, 114, 23),
			day("IN0002", gamma, DEC_5, 92, 99, 24),
			day("IN0002", gamma, DEC_6, 93, 99, 24),
			day("IN0002", gamma, DEC_7, 91, 98, 23),
		]
	);
	assert_eq!(parsed.incomplete, vec![]);
}

#[test]
fn dose_rate_fixture_refuses_the_ten_minute_value_and_skips_the_iodine() {
	let parsed = parse(Format::DoseRate, DOSE_FIXTURE.as_bytes()).expect("a well-formed file");
	assert_eq!(
		refusals(&parsed),
		vec![(
			41,
			"DURATION is 10M; only hourly values (1H) are read, as only they make a daily mean \
			 and maximum"
		)]
	);
	assert_eq!(parsed.skipped, 1, "the I-131 row");
	assert_eq!(parsed.invalid_hours, 0);
}

#[test]
fn a_missing_column_stops_the_file_and_is_named() {
	let header = EEA_HEADER.replace("AveragingTime,", "");
	let error = parse(Format::Eea, format!("{header}\n").as_bytes()).unwrap_err();
	assert!(
		matches!(
			error,
			FormatError::MissingColumn { column: "AveragingTime", format: Format::Eea }
		),
		"{error:?}"
	);
	assert_eq!(
		error.to_string(),
		"the header has no AveragingTime column, which an EEA air-quality time series \
		 (E1a/E2a) must have"
	);
	let error = parse(Format::DoseRate, "LOCALITY_CODE,VALUE\n".as_bytes()).unwrap_err();
	assert!(matches!(error, FormatError::MissingColumn { column: "NUCLIDE", .. }), "{error:?}");
	let error = parse(Format::Eea, "".as_bytes()).unwrap_err();
	assert!(matches!(error, FormatError::MissingColumn { column: "AirQualityStation", .. }));
}

#[test]
fn a_repeated_column_stops_the_file() {
	let header = format!("{DOSE_HEADER},value");
	let error = parse(Format::DoseRate, header.as_bytes()).unwrap_err();
	assert!(matches!(error, FormatError::RepeatedColumn { column: "VALUE", .. }), "{error:?}");
}

#[test]
fn an_unreadable_input_stops_the_file() {
	struct Broken;
	impl Read for Broken {
		fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
			Err(std::io::Error::other("the disk is gone"))
		}
	}
	let error = parse(Format::Eea, Broken).unwrap_err();
	assert!(matches!(error, FormatError::Unreadable(_)), "{error:?}");
}

#[test]
fn a_second_value_for_an_hour_is_refused_and_the_first_counts() {
	let mut rows = pm25_day("S1", 18, "10");
	// 03:00 UTC again, written in India's time.
	rows.push(pm25("S1", "2026-12-05 08:30:00 +05:30", "99"));
	let parsed = eea(&rows);
	assert_eq!(
		refusals(&parsed),
		vec![(
			20,
			"AirQualityStation S1 already has a value for the hour from DatetimeBegin \
			 2026-12-05T08:30:00+05:30, on line 5; a station has one value an hour"
		)]
	);
	assert_eq!(parsed.days, vec![day("S1", Measure::Pm25, DEC_5, 10_000, 10_000, 18)]);
}

#[test]
fn a_value_of_another_averaging_time_is_refused() {
	let row = pm25("S1", "2026-12-05T00:00:00Z", "10").replace(",hour,", ",day,");
	let parsed = eea(&[row]);
	assert_eq!(
		refusals(&parsed),
		vec![(
			2,
			"AveragingTime is day; only hourly values (hour) are read, as only they make a daily \
			 mean and maximum"
		)]
	);
	assert_eq!(parsed.incomplete, vec![]);
}

#[test]
fn a_value_of_another_unit_is_refused_naming_it() {
	let row = pm25("S1", "2026-12-05T00:00:00Z", "0.01").replace("µg/m3", "mg/m3");
	let rows = [row, gamma(1, "100", "mSv/h")];
	assert_eq!(
		refusals(&eea(&rows[..1])),
		vec![(2, "UnitOfMeasurement is mg/m3; PM2.5 is read in µg/m3 (or ug/m3, µg/m³)")]
	);
	assert_eq!(
		refusals(&dose(&rows[1..])),
		vec![(2, "UNIT is mSv/h; dose rates are read in nSv/h or µSv/h (uSv/h)")]
	);
}

#[test]
fn every_way_of_writing_micrograms_per_cubic_metre_is_read() {
	let rows: Vec<String> = ["µg/m3", "ug/m3", "µg/m³", "\u{3bc}g/m3", "UG/M3"]
		.iter()
		.enumerate()
		.map(|(hour, unit)| {
			pm25("S1", &format!("2026-12-05T0{hour}:00:00Z"), "1").replace("µg/m3", unit)
		})
		.collect();
	let parsed = eea(&rows);
	assert_eq!(refusals(&parsed), vec![]);
	assert_eq!(parsed.incomplete[0].hours, 5);
}

#[test]
fn values_that_are_negative_not_numbers_empty_or_too_large_are_refused() {
	let values = ["-0.3", "n/a", "", "4294967.296", "-0"];
	let rows: Vec<String> = (0..5).map(|h| gamma(h, values[h as usize], "µSv/h")).collect();
	let parsed = dose(&rows);
	assert_eq!(
		refusals(&parsed),
		vec![
			(2, "VALUE is -0.3, below zero, which no dose rate can be"),
			(3, "VALUE is n/a, not a number"),
			(4, "VALUE is empty, though VALIDATED marks the hour valid"),
			(5, "VALUE is 4294967.296 µSv/h, more than a reading can hold (4 294 967.295 µSv/h)"),
		]
	);
	assert_eq!(parsed.incomplete[0].hours, 1, "-0 is zero");
}

#[test]
fn micro_sieverts_become_nano_sieverts_rounded_half_away_from_zero() {
	let rows: Vec<String> = (0..18)
		.map(|h| match h {
			0 => gamma(h, "0.0935", "µSv/h"),
			1 => gamma(h, "0.0934999", "uSv/h"),
			2 => gamma(h, "93.5", "nSv/h"),
			3 => gamma(h, "9.35E-2", "\u{3bc}Sv/h"),
			_ => gamma(h, "0.1", "USV/H"),
		})
		.collect();
	let parsed = dose(&rows);
	assert_eq!(refusals(&parsed), vec![]);
	// (94 + 93 + 94 + 94 + 14 * 100) / 18 = 98.61.
	assert_eq!(parsed.days, vec![day("IN0001", Measure::GammaDoseRate, DEC_5, 99, 100, 18)]);
}

#[test]
fn a_value_is_read_from_its_digits_exactly() {
	assert_eq!(thousandths("12.4", 3), Ok(12_400));
	assert_eq!(thousandths("19.0005", 3), Ok(19_001));
	assert_eq!(thousandths("19.00049999", 3), Ok(19_000));
	assert_eq!(thousandths(".5", 0), Ok(1));
	assert_eq!(thousandths("0.4", 0), Ok(0));
	assert_eq!(thousandths("5.", 3), Ok(5_000));
	assert_eq!(thousandths("+1.2e1", 3), Ok(12_000));
	assert_eq!(thousandths("0.00001", 3), Ok(0));
	assert_eq!(thousandths("000000000000000000000042", 0), Ok(42));
	assert_eq!(thousandths("4294967295", 0), Ok(u32::MAX));
	assert_eq!(thousandths("4294967295.5", 0), Err(Fault::TooLarge));
	assert_eq!(thousandths("1e99999", 0), Err(Fault::TooLarge));
	assert_eq!(thousandths("1e-99999", 0), Ok(0));
	assert_eq!(thousandths("-0.000", 3), Ok(0));
	assert_eq!(thousandths("-0.0001", 3), Err(Fault::Negative));
	for written in [".", "1.2.3", "1e", "e5", "NaN", "inf", "1,5", "0x10", "- 1"] {
		assert_eq!(thousandths(written, 3), Err(Fault::NotANumber), "{written}");
	}
}

#[test]
fn an_offset_puts_an_hour_in_its_utc_day() {
	let rows = [
		// 23:00 UTC on the 4th: the day before.
		pm25("S1", "2026-12-05 00:00:00 +01:00", "1"),
		// 00:00 UTC on the 5th.
		pm25("S1", "2026-12-05 01:00:00 +01:00", "2"),
		// 23:30 UTC on the 4th, in India's time.
		pm25("S2", "2026-12-05 05:00:00 +05:30", "3"),
		// 00:00 UTC on the 6th, behind UTC.
		pm25("S2", "2026-12-05 19:00:00 -05:00", "4"),
	];
	let parsed = eea(&rows);
	let incomplete: Vec<(&str, Period)> =
		parsed.incomplete.iter().map(|day| (day.station.as_str(), day.day)).collect();
	assert_eq!(
		incomplete,
		vec![("S1", DEC_5 - 1), ("S1", DEC_5), ("S2", DEC_5 - 1), ("S2", DEC_6)]
	);
}

#[test]
fn a_time_without_an_offset_or_not_a_time_is_refused() {
	let rows = [
		pm25("S1", "2026-12-05T00:00:00Z", "1")
			.replace("2026-12-05T00:00:00+00:00", "2026-12-05 00:00:00"),
		pm25("S1", "2026-12-05T01:00:00Z", "1")
			.replace("2026-12-05T02:00:00+00:00", "05/12/2026 02:00"),
	];
	assert_eq!(
		refusals(&eea(&rows)),
		vec![
			(
				2,
				"DatetimeBegin is \"2026-12-05 00:00:00\", with no UTC offset (such as +01:00 or \
				 Z), without which its day is unknown"
			),
			(
				3,
				"DatetimeEnd is \"05/12/2026 02:00\", not a time such as 2026-12-05 00:00:00 \
				 +01:00 or 2026-12-05T00:00:00Z"
			),
		]
	);
}

#[test]
fn a_value_not_spanning_one_hour_is_refused() {
	let two_hours = "IN0001,T-GAMMA,1H,2026-12-05T00:00:00Z,2026-12-05T02:00:00Z,90,nSv/h,1";
	let backwards = "IN0001,T-GAMMA,1H,2026-12-05T01:00:00Z,2026-12-05T00:00:00Z,90,nSv/h,1";
	assert_eq!(
		refusals(&dose(&[two_hours.into(), backwards.into()])),
		vec![
			(2, "END is 120 minutes after BEGIN; an hourly value spans exactly one hour"),
			(3, "END is 60 minutes before BEGIN; an hourly value spans exactly one hour"),
		]
	);
}

#[test]
fn a_time_before_1970_is_refused_and_a_long_unit_is_not_quoted() {
	let row = "IN0001,T-GAMMA,1H,1969-12-31T23:00:00Z,1970-01-01T00:00:00Z,90,nSv/h,1";
	let parsed =
		dose(&[row.into(), gamma(0, "90", "nanosieverts per hour as the probe measured them")]);
	assert_eq!(
		refusals(&parsed),
		vec![
			(2, "BEGIN is before 1970, before any day a reading names"),
			(3, "UNIT is [48 characters]; dose rates are read in nSv/h or µSv/h (uSv/h)"),
		]
	);
}

#[test]
fn eea_validity_counts_values_below_detection_and_sets_aside_invalid_hours() {
	let rows: Vec<String> =
		[("1", "5"), ("2", "0.5"), ("3", "0.25"), ("-1", ""), ("-99", "7"), ("4", "6")]
			.iter()
			.enumerate()
			.map(|(hour, (validity, value))| {
				let row = pm25("S1", &format!("2026-12-05T0{hour}:00:00Z"), value);
				format!("{validity}{}", row.strip_prefix('1').expect("valid rows begin with 1"))
			})
			.collect();
	let parsed = eea(&rows);
	assert_eq!(
		refusals(&parsed),
		vec![(7, "Validity is 4; only 1, 2 and 3 (valid) and -1 and -99 (not valid) are read")]
	);
	assert_eq!(parsed.invalid_hours, 2);
	assert_eq!(parsed.incomplete[0].hours, 3);
}

#[test]
fn dose_rates_count_validated_or_not_and_refuse_other_codes() {
	let rows = [
		gamma_validated(0, "90", "nSv/h", "1"),
		gamma_validated(1, "90", "nSv/h", "0"),
		gamma_validated(2, "90", "nSv/h", "2"),
	];
	let parsed = dose(&rows);
	assert_eq!(
		refusals(&parsed),
		vec![(4, "VALIDATED is 2; only 1 (validated) and 0 (not yet validated) are read")]
	);
	assert_eq!(parsed.incomplete[0].hours, 2);
}

#[test]
fn other_pollutants_and_nuclides_are_skipped_whatever_they_hold() {
	let parsed = eea(&["1,S1,NO2,day,x,ppb,yesterday,today".into(), "9,S1,O3".into()]);
	assert_eq!((parsed.skipped, refusals(&parsed)), (2, vec![]));
	let parsed = dose(&["IN0001,Cs-137,1D,a,b,c,Bq/m3,7".into()]);
	assert_eq!((parsed.skipped, refusals(&parsed)), (1, vec![]));
}

#[test]
fn a_short_row_or_one_without_station_is_refused() {
	let parsed = dose(&["IN0001,T-GAMMA,1H".into(), ",T-GAMMA,1H,,,,,1".into()]);
	assert_eq!(
		refusals(&parsed),
		vec![
			(2, "the row has 3 fields and ends before its VALIDATED column"),
			(3, "LOCALITY_CODE is empty; every value must name its station"),
		]
	);
}

#[test]
fn a_day_needs_eighteen_hours_and_its_mean_rounds_half_up() {
	let mut rows = pm25_day("S1", 17, "0.001");
	// Nine hours of 0.001 and nine of 0: a mean of 0.0005, rounded up.
	let mut nine = pm25_day("S2", 18, "0.001");
	nine[9..].iter_mut().for_each(|row| *row = row.replace(",0.001,", ",0,"));
	rows.extend(nine);
	let parsed = eea(&rows);
	assert_eq!(parsed.days, vec![day("S2", Measure::Pm25, DEC_5, 1, 1, 18)]);
	let incomplete =
		Incomplete { station: "S1".into(), measure: Measure::Pm25, day: DEC_5, hours: 17 };
	assert_eq!(parsed.incomplete, vec![incomplete]);
}

#[test]
fn a_byte_order_mark_before_the_header_is_set_aside() {
	let text = format!("\u{feff}{EEA_HEADER}\n{}\n", pm25("S1", "2026-12-05T00:00:00Z", "1"));
	let parsed = parse(Format::Eea, text.as_bytes()).expect("Validity is found behind the BOM");
	assert_eq!(parsed.incomplete.len(), 1);
	let text = format!("\u{feff}{DOSE_HEADER}\n{}\n", gamma(0, "90", "nSv/h"));
	let parsed = parse(Format::DoseRate, text.as_bytes()).expect("LOCALITY_CODE behind the BOM");
	assert_eq!(parsed.incomplete.len(), 1);
}

#[test]
fn a_quoted_field_with_a_comma_and_a_line_break_keeps_lines_counted() {
	let text = format!(
		"LOCALITY_NAME,{DOSE_HEADER}\n\"Mysuru,\nNorth Gate\",{}\nHassan,{}\n",
		gamma(0, "90", "nSv/h"),
		gamma(0, "-1", "nSv/h")
	);
	let parsed = parse(Format::DoseRate, text.as_bytes()).expect("a well-formed file");
	assert_eq!(refusals(&parsed), vec![(4, "VALUE is -1, below zero, which no dose rate can be")]);
}

#[test]
fn lines_are_counted_through_crlf_blank_lines_and_a_missing_final_line_feed() {
	let ten_minutes = "IN0001,T-GAMMA,10M,a,b,1,nSv/h,1";
	// CRLF ends, a quoted last field before one, blank lines of both kinds, an empty row, no
	// line feed at the end.
	let text = format!(
		"{DOSE_HEADER}\r\n{ten_minutes}\r\n\r\n\n,,,,,,,\r\n\"IN\r\n0001\",{}\r\n{ten_minutes}",
		&gamma_validated(0, "90", "nSv/h", "\"1\"")[7..],
	);
	let parsed = parse(Format::DoseRate, text.as_bytes()).expect("a well-formed file");
	let lines: Vec<u64> = parsed.refused.iter().map(|refusal| refusal.line).collect();
	assert_eq!(lines, vec![2, 8]);
	let incomplete = &parsed.incomplete;
	assert_eq!((incomplete.len(), incomplete[0].station.as_str()), (1, "IN\r\n0001"));
}

#[test]
fn a_file_of_two_hundred_thousand_rows_is_read() {
	// 200 000 hours of one station: 8 333 whole days from 2000-01-01 and 8 hours more.
	let start = DateTime::parse_from_rfc3339("2000-01-01T00:00:00Z").expect("a time");
	let mut text = String::from(DOSE_HEADER);
	for hour in 0..200_000 {
		let begin = start + TimeDelta::hours(hour);
		let end = begin + TimeDelta::hours(1);
		let (begin, end) = (begin.format("%Y-%m-%dT%H:%M:%SZ"), end.format("%Y-%m-%dT%H:%M:%SZ"));
		text.push_str(&format!("\nIN0001,T-GAMMA,1H,{begin},{end},{},nSv/h,0", 80 + hour % 24));
	}
	let parsed = parse(Format::DoseRate, text.as_bytes()).expect("a well-formed file");
	assert_eq!(parsed.days.len(), 8_333);
	assert_eq!(parsed.incomplete.len(), 1);
	assert_eq!(
		parsed.days[0].reading,
		Reading {
			day: 10_957,
			measure: Measure::GammaDoseRate,
			mean: 92, // (80 + ... + 103) / 24 = 91.5, rounded up.
			max: 103,
			hours: 24
		}
	);
}
