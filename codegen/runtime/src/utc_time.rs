//! The one rule for the docs' UTC times (`yyyy-MM-ddTHH:mm:ssZ` and the like): the shape is the
//! docs' pattern, the calendar is jiff's. The signer's `Timestamp`, `Expiration` and every
//! validator's `Time` rule read times with it.

use std::fmt;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// `Timestamp`'s pattern: the one the signer sends and the STS and metadata services answer with.
pub const TIMESTAMP_PATTERN: &str = "yyyy-MM-ddTHH:mm:ssZ";

/// Why a text is not a UTC time of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// Not the pattern's shape: a digit where it has a field letter, another character where it
    /// has a literal, or a different length (trailing text included).
    Shape,
    /// The pattern's shape, but no time of the proleptic Gregorian calendar: month 13, February
    /// 29 of a common year, hour 24, second 60 (UTC as Unix time and jiff count it has no leap
    /// second, and the docs' `ss` is 00 to 59), or past jiff's last instant (9999-12-30T22:00:00Z).
    Calendar,
    /// The pattern names one field twice (`yyyy-yyyy`), so no value can be read from it.
    Pattern,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::Shape => "not the pattern's shape",
            TimeError::Calendar => "not a date and time of the calendar",
            TimeError::Pattern => "the pattern names a field twice",
        })
    }
}

impl std::error::Error for TimeError {}

/// Reads `value` as a UTC time written in `pattern`, whose letters `y`, `M`, `d`, `H`, `m`, `s`
/// each stand for one digit of the year, month, day, hour, minute or second (any other character
/// stands for itself). A field the pattern leaves out is the epoch's (1970-01-01T00:00:00).
pub fn parse(pattern: &str, value: &str) -> Result<jiff::Timestamp, TimeError> {
    // [year, month, day, hour, minute, second]: None until the pattern names the field.
    let mut fields: [Option<i64>; 6] = [None; 6];
    let mut previous: Option<char> = None;
    let mut value_chars = value.chars();
    for letter in pattern.chars() {
        let Some(c) = value_chars.next() else { return Err(TimeError::Shape) };
        let Some(slot) = field_index(letter) else {
            if c != letter {
                return Err(TimeError::Shape);
            }
            previous = Some(letter);
            continue;
        };
        let Some(digit) = c.to_digit(10) else { return Err(TimeError::Shape) };
        let field = &mut fields[slot];
        match (*field, previous == Some(letter)) {
            (Some(n), true) => *field = Some(n.saturating_mul(10).saturating_add(i64::from(digit))),
            (None, _) => *field = Some(i64::from(digit)),
            (Some(_), false) => return Err(TimeError::Pattern),
        }
        previous = Some(letter);
    }
    if value_chars.next().is_some() {
        return Err(TimeError::Shape);
    }
    let [year, month, day, hour, minute, second] = fields;
    let narrow = |field: Option<i64>, default: i64| i8::try_from(field.unwrap_or(default)).ok();
    let civil = (|| {
        let year = i16::try_from(year.unwrap_or(1970)).ok()?;
        let datetime = DateTime::new(
            year,
            narrow(month, 1)?,
            narrow(day, 1)?,
            narrow(hour, 0)?,
            narrow(minute, 0)?,
            narrow(second, 0)?,
            0,
        )
        .ok()?;
        TimeZone::UTC.to_timestamp(datetime).ok()
    })();
    civil.ok_or(TimeError::Calendar)
}

/// Whether `value` is a UTC time written in `pattern` ([`parse`]).
pub fn matches(pattern: &str, value: &str) -> bool {
    parse(pattern, value).is_ok()
}

/// `instant` in [`TIMESTAMP_PATTERN`] (whole seconds, rounded down).
pub fn format_timestamp(instant: jiff::Timestamp) -> String {
    instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn field_index(letter: char) -> Option<usize> {
    Some(match letter {
        'y' => 0,
        'M' => 1,
        'd' => 2,
        'H' => 3,
        'm' => 4,
        's' => 5,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The edge cases every reader of the docs' times agrees on, because they all call [`parse`].
    #[test]
    fn edge_cases_of_the_one_time_rule() {
        let table: &[(&str, &str, Result<i64, TimeError>)] = &[
            (TIMESTAMP_PATTERN, "1970-01-01T00:00:00Z", Ok(0)),
            (TIMESTAMP_PATTERN, "2016-02-23T12:46:24Z", Ok(1_456_231_584)),
            (TIMESTAMP_PATTERN, "2018-01-01T12:05:59Z", Ok(1_514_808_359)),
            // Second 60: no leap second (Unix time and jiff have none; the docs' `ss` is 00-59).
            (TIMESTAMP_PATTERN, "2016-12-31T23:59:60Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2018-01-01T12:05:60Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2018-01-01T12:60:00Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2018-01-01T24:00:00Z", Err(TimeError::Calendar)),
            // February 29: leap years only (2000 is one, 1900 and 2023 are not).
            (TIMESTAMP_PATTERN, "2024-02-29T00:00:00Z", Ok(1_709_164_800)),
            (TIMESTAMP_PATTERN, "2000-02-29T11:59:59Z", Ok(951_825_599)),
            (TIMESTAMP_PATTERN, "2023-02-29T00:00:00Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "1900-02-29T00:00:00Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2024-02-30T00:00:00Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2024-04-31T00:00:00Z", Err(TimeError::Calendar)),
            // Month 13, month 0, day 0.
            (TIMESTAMP_PATTERN, "2016-13-23T12:46:24Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2016-00-23T12:46:24Z", Err(TimeError::Calendar)),
            (TIMESTAMP_PATTERN, "2016-01-00T12:46:24Z", Err(TimeError::Calendar)),
            // Trailing garbage, a missing part, other separators, a sign, non-ASCII digits.
            (TIMESTAMP_PATTERN, "2016-02-23T12:46:24Zjunk", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "2016-02-23T12:46:24Z ", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "2016-02-23T12:46:24", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "2016-02-23 12:46:24Z", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "2016-02-23T12:46:24+08:00", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "+016-02-23T12:46:24Z", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "2016-02-23T12:46:2٤Z", Err(TimeError::Shape)),
            (TIMESTAMP_PATTERN, "", Err(TimeError::Shape)),
            // The ends of jiff's range (years 0000 to 9999, less a day for the largest UTC offset).
            (TIMESTAMP_PATTERN, "0000-01-01T00:00:00Z", Ok(-62_167_219_200)),
            (TIMESTAMP_PATTERN, "9999-12-30T22:00:00Z", Ok(253_402_207_200)),
            (TIMESTAMP_PATTERN, "9999-12-31T23:59:59Z", Err(TimeError::Calendar)),
            // The docs' other pattern: minutes, no seconds.
            ("yyyy-MM-ddTHH:mmZ", "2018-01-01T12:05Z", Ok(1_514_808_300)),
            ("yyyy-MM-ddTHH:mmZ", "2018-01-01T12:05:00Z", Err(TimeError::Shape)),
            ("yyyy-yyyy", "2018-2018", Err(TimeError::Pattern)),
        ];
        for (pattern, value, expected) in table {
            let got = parse(pattern, value).map(|instant| instant.as_second());
            assert_eq!(&got, expected, "{value:?} in {pattern}");
        }
        assert!(table.len() >= 25);
    }

    #[test]
    fn formats_whole_seconds_in_utc() {
        let instant = jiff::Timestamp::from_second(951_825_599).expect("in range");
        assert_eq!(format_timestamp(instant), "2000-02-29T11:59:59Z");
        assert_eq!(format_timestamp(jiff::Timestamp::UNIX_EPOCH), "1970-01-01T00:00:00Z");
    }
}
