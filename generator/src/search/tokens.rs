//! How text becomes search tokens, identically at build time (here) and in the browser
//! (`site-templates/static/search/search.js`, which repeats these rules; the browser tests
//! run queries through it).
//!
//! Text is folded first: full-width ASCII (１２３３３, ＡＰＰ) becomes ASCII, ASCII letters become
//! lower case. Then it is cut into runs: a run of Han characters yields its character bigrams
//! (缴费基数 → 缴费 费基 基数), so two-character words are found inside longer runs without a
//! dictionary; a run of ASCII letters and digits yields itself as one word (12333, 0417, app).
//! Everything else separates runs. A lone Han character and a lone ASCII character yield
//! nothing: they match too much to rank anything. Traditional characters are folded to
//! Simplified only in queries (the content is Simplified; see [`super::fold`]).

/// Folds one character: full-width ASCII to ASCII, ideographic space to space, ASCII upper
/// case to lower case. One character in, one out, so positions in folded text match the
/// original's (the browser highlights matches by position).
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        _ => c.to_ascii_lowercase(),
    }
}

/// Whether `c` is a Han character (CJK unified ideographs, extension A, compatibility
/// ideographs, and the supplementary planes' extensions).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// One token: a Han bigram or an ASCII word (already folded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Two adjacent Han characters.
    Bigram(char, char),
    /// A run of ASCII letters and digits, two or more long.
    Word(&'a str),
}

impl Token<'_> {
    /// The token as the index and the browser spell it.
    pub fn text(&self) -> String {
        match self {
            Token::Bigram(a, b) => [*a, *b].iter().collect(),
            Token::Word(w) => (*w).to_string(),
        }
    }
}

/// Calls `f` with each token of `text`, in order, repeats included. Allocates only for words.
pub fn each_token(text: &str, mut f: impl FnMut(Token<'_>)) {
    let mut prev_han: Option<char> = None;
    let mut word = String::new();
    let end_word = |word: &mut String, f: &mut dyn FnMut(Token<'_>)| {
        if word.len() >= 2 {
            f(Token::Word(word));
        }
        word.clear();
    };
    for c in text.chars().map(fold_char) {
        if is_han(c) {
            end_word(&mut word, &mut f);
            if let Some(p) = prev_han {
                f(Token::Bigram(p, c));
            }
            prev_han = Some(c);
        } else if c.is_ascii_alphanumeric() {
            prev_han = None;
            word.push(c);
        } else {
            prev_han = None;
            end_word(&mut word, &mut f);
        }
    }
    end_word(&mut word, &mut f);
}

/// The tokens of `text` as strings, in order, repeats included.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t.text()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn han_runs_become_bigrams_and_ascii_runs_words() {
        assert_eq!(toks("缴费基数"), ["缴费", "费基", "基数"]);
        assert_eq!(toks("掌上12333"), ["掌上", "12333"]);
        assert_eq!(
            toks("拨打 12333，或打开APP"),
            ["拨打", "12333", "或打", "打开", "app"]
        );
        assert_eq!(
            toks("浙里办 参保证明"),
            ["浙里", "里办", "参保", "保证", "证明"]
        );
    }

    #[test]
    fn full_width_and_case_fold_to_one_form() {
        assert_eq!(toks("１２３３３"), ["12333"]);
        assert_eq!(toks("ＡＰＰ"), toks("app"));
        assert_eq!(toks("0417"), ["0417"]);
        assert_eq!(fold_char('Ｑ'), 'q');
    }

    #[test]
    fn lone_characters_and_punctuation_yield_nothing() {
        assert!(toks("查 。，！？ a 1").is_empty());
        assert!(toks("").is_empty());
        assert!(toks("“”《》——……").is_empty());
    }
}
