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
    /// The messages asked for with no argument but the key, as formatted
    /// the first time: most of a page's words, on every page.
    plain: RwLock<HashMap<String, String>>,
}

impl Lookup {
    /// The function for the interface language of `text`.
    pub fn new(text: Text) -> Lookup {
        Lookup {
            text,
            plain: RwLock::new(HashMap::new()),
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
        let plain = args.len() == 1;
        if plain {
            if let Some(known) = self.plain.read().ok().and_then(|m| m.get(key).cloned()) {
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
        if plain {
            if let Ok(mut known) = self.plain.write() {
                known.insert(key.clone(), message.clone());
            }
        }
        Ok(Value::String(message))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
