//! "Did you mean" suggestions for misspelt names.

/// The candidate closest to `word`, when it is close enough to be a likely typo.
///
/// Closeness is the optimal string alignment distance (a swap of two
/// neighbouring letters counts once), compared case-insensitively; a
/// candidate qualifies within a third of the word's length (at least 1).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::osa_distance(&word, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_transpositions_and_drops() {
        let fields = ["title", "keywords", "authors", "abstract"];
        assert_eq!(did_you_mean("keywrods", fields), Some("keywords"));
        assert_eq!(did_you_mean("autors", fields), Some("authors"));
        assert_eq!(did_you_mean("Title", fields), Some("title"));
        assert_eq!(did_you_mean("publisher", fields), None);
    }
}
