//! The templates' lookup function: `{{ t(key="archive-title") }}`.

use std::collections::HashMap;
use std::sync::RwLock;

use fluent_templates::fluent_bundle::FluentValue;
use tera::Value;

use super::Text;
use crate::model::Lang;

/// The Tera function `t`: the message `key` of the catalogue, with every
/// other argument a placeable (`t(key="articles-count", n=issue.article_count)`).
///
/// Its output is HTML and is not escaped again: a message's own text is
/// written like a template's (it may hold markup), and its string arguments
/// are escaped here. `lang="ru"` asks another catalogue than the one the
/// function was made with. A missing key, or a message that names an
/// argument not given, is an error, so the page fails to render.
pub struct Lookup {
    text: Text,
    /// The messages asked for with no argument but the key and numbers or
    /// true/false, as formatted the first time, by [`memo_key`]: most of a
    /// page's words (headings, labels, "Page 2"), on every page. Text
    /// arguments (a title, a name) are the content's and never kept.
    known: RwLock<HashMap<String, String>>,
}

/// The key under which a call's message is kept: the message's key and
/// each argument, in name order; `None` when an argument is text (or the
/// call names another language), which is formatted every time.
fn memo_key(args: &HashMap<String, Value>) -> Option<String> {
    let mut named: Vec<(&String, &Value)> =
        args.iter().filter(|(name, _)| *name != "key").collect();
    named.sort_by(|a, b| a.0.cmp(b.0));
    let mut memo = match args.get("key") {
        Some(Value::String(key)) => key.clone(),
        _ => return None,
    };
    for (name, value) in named {
        match value {
            Value::Number(_) | Value::Bool(_) => {
                memo.push('\u{1}');
                memo.push_str(name);
                memo.push('=');
                memo.push_str(&value.to_string());
            }
            _ => return None,
        }
    }
    Some(memo)
}

impl Lookup {
    /// The function for the interface language of `text`.
    pub fn new(text: Text) -> Lookup {
        Lookup {
            text,
            known: RwLock::new(HashMap::new()),
        }
    }
}

impl tera::Function for Lookup {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = match args.get("key") {
            Some(Value::String(key)) => key,
            Some(_) => return Err("`key` must be a string, such as key=\"archive-title\"".into()),
            None => return Err("`t` needs a `key`, such as t(key=\"archive-title\")".into()),
        };
        let memo = memo_key(args);
        if let Some(memo) = &memo {
            if let Some(known) = self.known.read().ok().and_then(|m| m.get(memo).cloned()) {
                return Ok(Value::String(known));
            }
        }
        let other;
        let text = match args.get("lang") {
            None => &self.text,
            Some(Value::String(code)) => {
                let lang = code.parse::<Lang>().map_err(tera::Error::msg)?;
                other = Text::new(&lang);
                &other
            }
            Some(_) => return Err("`lang` must be a language code, such as lang=\"en\"".into()),
        };
        let mut fluent: HashMap<&str, FluentValue<'_>> = HashMap::new();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            let value = match value {
                Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                    (Some(n), _, _) => FluentValue::from(n),
                    (None, Some(n), _) => FluentValue::from(n),
                    (None, None, Some(n)) => FluentValue::from(n),
                    _ => return Err(format!("`{name}` is not a number Fluent can hold").into()),
                },
                Value::String(s) => FluentValue::from(crate::html::escape(s)),
                Value::Bool(b) => FluentValue::from(if *b { "true" } else { "false" }),
                _ => {
                    return Err(format!(
                        "`{name}` of `{key}` must be a string, a number or true/false, not {value}"
                    )
                    .into())
                }
            };
            fluent.insert(name.as_str(), value);
        }
        let message = text
            .try_get_with(key, &fluent)
            .map_err(|err| tera::Error::msg(err.to_string()))?;
        if let Some(memo) = memo {
            if let Ok(mut known) = self.known.write() {
                known.insert(memo, message.clone());
            }
        }
        Ok(Value::String(message))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
