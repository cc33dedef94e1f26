//! Reporting periods as people write them: a date (`2026-11-23`), `today`, `yesterday`, or
//! the period's number (days since 1970-01-01, as the chain counts them).

use std::time::{SystemTime, UNIX_EPOCH};

use healthnet_primitives::surveillance::Period;

use crate::Error;

/// Today's period in UTC, by this machine's clock.
pub fn today() -> Period {
	let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
	(seconds / 86_400) as Period
}

/// Reads a period: `YYYY-MM-DD`, `today`, `yesterday` or a day number.
pub fn parse(text: &str) -> Result<Period, Error> {
	match text {
		"today" => return Ok(today()),
		"yesterday" => return Ok(today().saturating_sub(1)),
		_ => {},
	}
	if let Ok(number) = text.parse::<Period>() {
		return Ok(number);
	}
	let bad = || {
		Error::BadInput(format!(
			"{text} is not a period: give a date as YYYY-MM-DD, today, yesterday or a day number"
		))
	};
	let parts: Vec<&str> = text.split('-').collect();
	let [year, month, day] = parts.as_slice() else { return Err(bad()) };
	let (year, month, day): (i64, u32, u32) = (
		year.parse().map_err(|_| bad())?,
		month.parse().map_err(|_| bad())?,
		day.parse().map_err(|_| bad())?,
	);
	if !(1970..=9999).contains(&year)
		|| !(1..=12).contains(&month)
		|| day == 0
		|| day > days_in_month(year, month)
	{
		return Err(bad());
	}
	Ok(days_from_civil(year, month, day) as Period)
}

/// The date of `period`, as `YYYY-MM-DD`.
pub fn date(period: Period) -> String {
	let (year, month, day) = civil_from_days(period as i64);
	format!("{year:04}-{month:02}-{day:02}")
}

/// A moment given in Unix seconds, as `YYYY-MM-DD HH:MM UTC`.
pub fn moment(seconds: u64) -> String {
	let minutes = seconds % 86_400 / 60;
	format!("{} {:02}:{:02} UTC", date((seconds / 86_400) as Period), minutes / 60, minutes % 60)
}

/// Now, in Unix seconds, by this machine's clock.
pub fn now_seconds() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Now, in milliseconds since 1970-01-01, by this machine's clock: what a signed statement's
/// or report's validity counts from.
pub fn now_millis() -> u64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn is_leap(year: i64) -> bool {
	(year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
	match month {
		2 if is_leap(year) => 29,
		2 => 28,
		4 | 6 | 9 | 11 => 30,
		_ => 31,
	}
}

// Howard Hinnant's algorithms for the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
	let year = if month <= 2 { year - 1 } else { year };
	let era = year.div_euclid(400);
	let year_of_era = year - era * 400;
	let month_from_march = (month as i64 + 9) % 12;
	let day_of_year = (153 * month_from_march + 2) / 5 + day as i64 - 1;
	let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
	let days = days + 719_468;
	let era = days.div_euclid(146_097);
	let day_of_era = days - era * 146_097;
	let year_of_era =
		(day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
	let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	let month_from_march = (5 * day_of_year + 2) / 153;
	let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
	let month =
		if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 } as u32;
	let year = year_of_era + era * 400 + i64::from(month <= 2);
	(year, month, day)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dates_and_day_numbers_agree() {
		// The chain's documented example: day 20 000 is 2024-10-04.
		assert_eq!(parse("2024-10-04").unwrap(), 20_000);
		assert_eq!(date(20_000), "2024-10-04");
		assert_eq!(parse("1970-01-01").unwrap(), 0);
		assert_eq!(parse("2024-02-29").unwrap() + 1, parse("2024-03-01").unwrap());
		for period in [0, 59, 60, 365, 10_957, 20_000, 29_000] {
			assert_eq!(parse(&date(period)).unwrap(), period);
		}
		assert_eq!(parse("yesterday").unwrap() + 1, today());
	}

	#[test]
	fn impossible_dates_are_refused() {
		for text in ["2023-02-29", "2024-13-01", "2024-04-31", "1969-12-31", "24-1-1x", "soon"] {
			let error = parse(text).unwrap_err().to_string();
			assert!(error.contains("is not a period"), "{text}: {error}");
		}
	}
}
