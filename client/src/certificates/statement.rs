//! What a certificate says, from the words a person gives: the CLI's flags and the dashboard's
//! form are read by the same rules, and each refusal is a sentence naming the field.

use serde::Deserialize;

use crate::{
	certificates::random_16,
	period,
	portable::{kind_word, Holder, Statement},
	Error,
};

/// The longest validity a certificate may be given, in days (ten years).
pub const MAX_VALID_DAYS: u64 = 3650;
/// The longest holder's name, in characters.
pub const MAX_NAME: usize = 100;
/// The longest disease code, in characters (ICD-11 codes such as `1F40.0` are shorter).
pub const MAX_DISEASE: usize = 16;

/// What a certificate states, as words; each kind needs some of them.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementWords {
	/// Infectivity: the percentage, 0 to 100.
	pub percent: Option<u8>,
	/// Test result: positive, negative or inconclusive.
	pub result: Option<String>,
	/// The disease's code (not for infectivity).
	pub disease: Option<String>,
	/// The day of the result, sample, dose or first positive test (default today).
	pub date: Option<String>,
	/// Vaccination: the supply lot given.
	pub lot: Option<u32>,
	/// Vaccination: which dose (default 1).
	pub dose: Option<u8>,
	/// Vaccination: of how many doses (default: this one is the last).
	pub of: Option<u8>,
}

/// A day as `YYYY-MM-DD` from `text` (a date, `today`, `yesterday`), not after today; `what`
/// names the field in the refusal.
pub fn past_day(text: &str, what: &str) -> Result<String, Error> {
	let day = period::parse(text.trim())?;
	if day > period::today() {
		return Err(Error::BadInput(format!("the {what} {} is in the future", period::date(day))));
	}
	Ok(period::date(day))
}

/// The holder `name`, born on `birth_date`, with a fresh salt for the chain's commitment.
pub fn holder(name: &str, birth_date: &str) -> Result<Holder, Error> {
	let name = name.trim();
	if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
		return Err(Error::BadInput(format!(
			"give the holder's name as on their identity document, 1 to {MAX_NAME} characters"
		)));
	}
	// Marks that reorder or hide text would make a name display as another on a card.
	let hidden = |c: char| {
		matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}')
			|| matches!(c, '\u{061c}' | '\u{feff}')
	};
	if name.chars().any(hidden) {
		return Err(Error::BadInput(
			"the holder's name holds an invisible mark that changes how it reads: type it again"
				.into(),
		));
	}
	Ok(Holder { name: name.to_string(), birth_date: birth_date_of(birth_date)?, salt: random_16() })
}

/// A birth date as `YYYY-MM-DD`: a calendar date from 1900, not after today.
fn birth_date_of(text: &str) -> Result<String, Error> {
	let bad = || {
		Error::BadInput(format!(
			"{text:?} is not a birth date: give it as YYYY-MM-DD, from 1900 to today"
		))
	};
	let date = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| bad())?;
	let first = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).ok_or_else(bad)?;
	let shown = date.format("%Y-%m-%d").to_string();
	if date < first || shown > period::date(period::today()) {
		return Err(bad());
	}
	Ok(shown)
}

/// The validity, `valid_days` from now: `(from, until)` in Unix seconds.
pub fn validity(valid_days: u64) -> Result<(u64, u64), Error> {
	if !(1..=MAX_VALID_DAYS).contains(&valid_days) {
		return Err(Error::BadInput(format!(
			"a certificate is valid for 1 to {MAX_VALID_DAYS} days, not {valid_days}"
		)));
	}
	let now = period::now_seconds();
	Ok((now, now + valid_days * 86_400))
}

impl StatementWords {
	/// The statement of a certificate of `kind` (its word: `test-result`, ...).
	pub fn statement(&self, kind: &str) -> Result<Statement, Error> {
		let kind = kind_word(crate::certificates::kind(kind)?);
		let need = |what: &str| Error::BadInput(format!("a {kind} certificate needs its {what}"));
		let date = |what: &str| past_day(self.date.as_deref().unwrap_or("today"), what);
		let disease = || -> Result<String, Error> {
			let code = self.disease.as_deref().map(str::trim).unwrap_or_default();
			if code.is_empty() {
				return Err(need("disease"));
			}
			if code.len() > MAX_DISEASE
				|| !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
			{
				return Err(Error::BadInput(format!(
					"{code:?} is not a disease code: letters, digits and dots, at most \
					 {MAX_DISEASE}, such as RA01"
				)));
			}
			Ok(code.to_string())
		};
		Ok(match kind {
			"infectivity" => {
				let percent = self.percent.ok_or_else(|| need("percent"))?;
				if percent > 100 {
					return Err(Error::BadInput(format!(
						"{percent} is not a percentage (0 to 100)"
					)));
				}
				Statement::Infectivity { percent, result_date: date("result date")? }
			},
			"test-result" => {
				let result = self.result.as_deref().map(str::trim).ok_or_else(|| need("result"))?;
				if !["positive", "negative", "inconclusive"].contains(&result) {
					return Err(Error::BadInput(format!(
						"{result} is not a test result; give positive, negative or inconclusive"
					)));
				}
				Statement::TestResult {
					disease: disease()?,
					result: result.to_string(),
					sampled: date("sample date")?,
				}
			},
			"vaccination" => {
				let dose = self.dose.unwrap_or(1);
				let of = self.of.unwrap_or(dose);
				if dose == 0 || dose > of {
					return Err(Error::BadInput(format!(
						"dose {dose} of {of} cannot be: the dose is counted from 1 and is at most \
						 the number of doses"
					)));
				}
				Statement::Vaccination {
					disease: disease()?,
					lot: self.lot.ok_or_else(|| need("lot"))?,
					dose,
					of,
					date: date("vaccination date")?,
				}
			},
			"recovery" => Statement::Recovery {
				disease: disease()?,
				first_positive: past_day(
					self.date.as_deref().ok_or_else(|| need("date of the first positive test"))?,
					"first positive test",
				)?,
			},
			other => return Err(Error::BadInput(format!("{other} is not a certificate kind"))),
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn words(kind: &str, words: StatementWords) -> Result<Statement, String> {
		words.statement(kind).map_err(|e| e.to_string())
	}

	#[test]
	fn each_kind_needs_its_words_and_refuses_what_cannot_be() {
		let none = StatementWords::default();
		assert!(words("test-result", none.clone()).unwrap_err().contains("needs its result"));
		let test = StatementWords {
			result: Some("negative".into()),
			disease: Some("RA01".into()),
			..none.clone()
		};
		assert!(matches!(words("test-result", test.clone()), Ok(Statement::TestResult { .. })));
		let tomorrow = period::date(period::today() + 1);
		let future = StatementWords { date: Some(tomorrow), ..test.clone() };
		assert!(words("test-result", future).unwrap_err().contains("in the future"));
		let odd = StatementWords { disease: Some("<b>RA01</b>".into()), ..test };
		assert!(words("test-result", odd).unwrap_err().contains("not a disease code"));
		let third_of_two = StatementWords {
			disease: Some("RA01".into()),
			lot: Some(1),
			dose: Some(3),
			of: Some(2),
			..none.clone()
		};
		assert!(words("vaccination", third_of_two).unwrap_err().contains("dose 3 of 2"));
		let second = StatementWords {
			disease: Some("RA01".into()),
			lot: Some(1),
			dose: Some(2),
			..none.clone()
		};
		assert!(matches!(
			words("vaccination", second),
			Ok(Statement::Vaccination { dose: 2, of: 2, .. })
		));
		let over = StatementWords { percent: Some(101), ..none };
		assert!(words("infectivity", over).unwrap_err().contains("not a percentage"));
	}

	#[test]
	fn holders_and_validity_are_bounded() {
		assert!(holder(" ", "1990-01-01").is_err());
		assert!(holder(&"a".repeat(MAX_NAME + 1), "1990-01-01").is_err());
		assert!(holder("Asha\nDemo", "1990-01-01").is_err());
		assert!(holder("Asha Demo", &period::date(period::today() + 1)).is_err());
		assert_eq!(holder(" Asha Demo ", "1990-01-01").unwrap().name, "Asha Demo");
		assert_eq!(holder("Asha Demo", "1950-02-28").unwrap().birth_date, "1950-02-28");
		assert!(
			holder("Asha Demo", "1950-02-30").is_err() && holder("Asha", "1899-12-31").is_err()
		);
		assert!(holder("Asha \u{202e}omeD", "1990-01-01").is_err());
		assert!(validity(0).is_err() && validity(MAX_VALID_DAYS + 1).is_err());
		let (from, until) = validity(7).unwrap();
		assert_eq!(until - from, 7 * 86_400);
	}
}
