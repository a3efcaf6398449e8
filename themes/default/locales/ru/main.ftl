# quire's interface in Russian: every word the site prints that is not the
# journal's own. Keys, arguments and the two kinds of message (plain text
# made in Rust, HTML printed by templates) are the English catalogue's; see
# its notes in ../en/main.ftl. This file follows it key by key.
#
# Conventions (src/text/tests_ru.rs checks them):
# - Non-breaking spaces (U+00A0, written as the character itself, so look
#   for them with a search rather than by eye) bind `№`, `Т.` and `С.` to
#   their number, a number to `г.`, to its unit and to the word it counts,
#   a day to its month, a one-letter preposition or conjunction (в, к, с,
#   и, а, о, у) to the word after it, and a dash to the word before it.
# - Quotation marks are « » (inner ones „ “); never the ASCII double quote,
#   which only markup attributes and Fluent's {""} literals hold.
# - An issue is «номер», as `№` reads. Its label puts number and volume
#   first, as Russian journals print them: `Т. 11, № 4 (61), 2018`; the
#   citation line has GOST's order: `2018. Т. 11, № 4 (61). С. 78–91`.
# - Plurals use CLDR's Russian categories: [one] 1, 21, 31…; [few] 2–4,
#   22–24…; [many] 0, 5–20, 25–30…; [other] fractions (2,5 статьи). A label
#   that is singular for exactly one thing (Регион, Регионы) selects on
#   [1], since [one] also holds 21.
# - Numbers with a fraction are written with a decimal comma (`2,9 МБ`):
#   quire's Rust sets that for Russian (src/text/mod.rs), not this file.

## Formats made in Rust (src/text/)

# `30 августа 2018 г.`: the month in the genitive.
date = { $day } { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    } { $year } г.

# `Т. 11, № 4 (61), 2018`; `№ 4, 2018` without a volume.
issue-label = { $volume ->
        [none] {""}
       *[other] Т. { $volume },{" "}
    }№ { $number }{ $whole ->
        [none] {""}
       *[other] {" "}({ $whole })
    }, { $year }

# `2018. Т. 11, № 4 (61). С. 78–91`: the article's place in the journal,
# after the journal's title.
citation-line = { $year }.{ $volume ->
        [none] {""}
       *[other] {" "}Т. { $volume },
    } № { $number }{ $whole ->
        [none] {""}
       *[other] {" "}({ $whole })
    }{ $pages ->
        [none] {""}
       *[other] . С. { $pages }
    }

# Author lists: `А, Б и В`. Also between linked names in article lists.
authors-separator = {", "}
authors-last-separator = {" и "}

# A file's size: `500 байт`, `412 КБ`, `2,9 МБ`.
size = { $unit ->
        [bytes] { $n } { $n ->
            [one] байт
            [few] байта
            [many] байт
           *[other] байта
        }
        [kb] { $n } КБ
       *[mb] { $n } МБ
    }

# The world map's tooltip and accessible name of a country.
map-country = { $country }: { $n } { $n ->
        [one] статья
        [few] статьи
        [many] статей
       *[other] статьи
    }
# The world map's title.
map-title = Статьи по странам

# The search page's filters.
search-facet-year = Год
search-facet-section = Раздел
search-facet-country = Страна
search-facet-keyword = Ключевое слово

## Titles of pages and taxonomies

archive-title = Архив
search-title = Поиск
not-found-title = Страница не найдена
keywords-title = Ключевые слова
keywords-singular = Ключевое слово
countries-title = Страны
countries-singular = Страна
regions-title = Регионы
regions-singular = Регион
authors-title = Авторы
authors-singular = Автор

## Counts

# `1 статья`, `2 статьи`, `5 статей`, `21 статья`.
articles-count = { $n } { $n ->
        [one] статья
        [few] статьи
        [many] статей
       *[other] статьи
    }
# The word alone, after a number printed apart.
articles-word = { $n ->
        [one] статья
        [few] статьи
        [many] статей
       *[other] статьи
    }
# `12 статей`, `нет статей`: a term's count in a list.
articles-count-or-none = { $n ->
        [0] нет статей
        [one] { $n } статья
        [few] { $n } статьи
        [many] { $n } статей
       *[other] { $n } статьи
    }
# The same at the start of a line.
articles-count-or-none-start = { $n ->
        [0] Нет статей
        [one] { $n } статья
        [few] { $n } статьи
        [many] { $n } статей
       *[other] { $n } статьи
    }
# `3 страны`: a region's note in the region index.
countries-count = { $n } { $n ->
        [one] страна
        [few] страны
        [many] стран
       *[other] страны
    }
# The number of terms in a taxonomy index: `12 ключевых слов`.
terms-count = { $n } { $kind ->
        [keywords] { $n ->
            [one] ключевое слово
            [few] ключевых слова
            [many] ключевых слов
           *[other] ключевого слова
        }
        [countries] { $n ->
            [one] страна
            [few] страны
            [many] стран
           *[other] страны
        }
        [regions] { $n ->
            [one] регион
            [few] региона
            [many] регионов
           *[other] региона
        }
       *[authors] { $n ->
            [one] автор
            [few] автора
            [many] авторов
           *[other] автора
        }
    }
# `страница 2 из 5`.
page-of = страница { $current } из { $total }
# Before one page or a range alike: `с. 5`, `с. 78–91`.
pages-abbr = с.

## Every page (base.html)

skip-link = Перейти к содержанию
nav-main = Основное меню
search-label = Поиск по архиву
search-button = Найти
footer-publisher = Издатель: { $publisher }
issn-print = { $issn } (печатная версия)
issn-online = { $issn } (электронная версия)
footer-contact = Связь с редакцией: <a href="mailto:{ $email }">{ $email }</a>
# Followed by the licence's name (a link when it has an address) and `.`.
footer-license = Если не указано иное, статьи публикуются на условиях лицензии
breadcrumb-label = Навигационная цепочка
orcid-expansion = Открытый идентификатор исследователя и автора

## Home page

home-latest-issue = Последний номер
issue-published = Опубликован <time datetime="{ $iso }">{ $date }</time>
home-archive-link = Все номера в архиве
home-browse = Указатели
home-top-keywords = Самые частые ключевые слова
home-empty = Номера пока не опубликованы. По мере выхода они появятся в <a href="{ $archive }">архиве</a>.

## Archive and issue pages

archive-years-nav = Годы
archive-empty = Номера пока не опубликованы.
issue-cover-alt = Обложка номера: { $label }
issue-empty = В этом номере пока нет статей.

## Article page

author-corresponding = Автор для переписки
article-published-in = Источник
article-received = Поступила в редакцию
article-revised = Доработана
article-accepted = Принята к публикации
article-published = Опубликована
article-license = Лицензия
article-download-pdf = Скачать PDF
article-online = Электронная версия: { $url }
article-abstract = Аннотация
article-keywords = Ключевые слова
article-countries = { $n ->
        [1] Страна
       *[other] Страны
    }
article-regions = { $n ->
        [1] Регион
       *[other] Регионы
    }
article-funding = Финансирование
article-full-text = Полный текст
article-references = Список литературы
article-how-to-cite = Для цитирования
cite-downloads = Скачать ссылку в форматах:
cite-full-metadata = Полные метаданные:
translation-keywords = Ключевые слова:
# The heading over the articles of this journal that cite an article.
article-cited-by = Цитируется в этом журнале в { $n } { $n ->
        [one] статье
       *[other] статьях
    }
# The link after a reference that names an article of this journal.
reference-in-journal = В этом журнале
article-related = Статьи по теме
article-pager = Статьи этого номера
pager-prev = Предыдущая статья
pager-next = Следующая статья

## Lists of articles (macros.html)

entry-pdf = PDF<span class="visually-hidden"> статьи «{ $title }»</span>
toc-title = Содержание
pagination-label = Постраничная навигация
pagination-prev = Предыдущая<span class="visually-hidden"> страница</span>
pagination-next = Следующая<span class="visually-hidden"> страница</span>
pagination-page = <span class="visually-hidden">Страница </span>{ $n }

## Taxonomy pages

taxonomy-index-description = { $taxonomy } — { $site }. Всего { $total }, для каждого пункта приведён список статей.
letter-nav-label = Перейти к букве
map-caption = Страны окрашены по числу статей о них; выберите страну, чтобы открыть статьи о ней. Цифры приведены в таблице ниже.
map-legend-none = Нет статей
map-legend-more = От меньшего к большему
articles-title = Статьи
taxonomy-empty = Здесь пока ничего нет.
# `Ключевое слово: миграция. <журнал>: 12 статей.` The journal's title
# stands alone, so that it need not be declined.
taxonomy-term-description = { $kind }: { $name }. { $site }: { $n } { $n ->
        [one] статья
        [few] статьи
        [many] статей
       *[other] статьи
    }.
term-iso-code = Код ISO
term-affiliations = { $n ->
        [1] Место работы
       *[other] Места работы
    }
term-subscribe = Подписаться (Atom)<span class="visually-hidden"> на новые статьи: { $name }</span>
term-empty = Статей пока нет.

## Search page

search-query-label = Слова для поиска в заглавиях статей, именах авторов, аннотациях, ключевых словах, названиях мест и полных текстах
search-filters = Фильтры
search-any = Все
search-more = Показать ещё
# Followed by `search-noscript-or` for each taxonomy, then `.`: a list of
# sections by name (`ключевые слова, страны, авторы`), in the nominative,
# since the titles come as they are.
search-noscript = Поиск работает в браузере и требует JavaScript, который здесь отключён. По-прежнему доступны разделы: <a href="{ $archive }">архив по номерам</a>
search-noscript-or = , <a href="{ $path }">{ $title }</a>

# Строка состояния поиска (её пишет search.js). `{ $what }` — запрос в виде
# `search-status-words` или `search-status-words-filters`;
# `search-status-found` выбирается по категории множественного числа CLDR
# (`$category`: one, few, many, other), `$count` — число.
search-status-empty = Введите слово, имя или название места.
search-status-searching = Идёт поиск…
search-status-none = По запросу { $what } ничего не найдено.
search-status-found = { $category ->
        [one] По запросу { $what } найдена { $count } статья.
        [few] По запросу { $what } найдены { $count } статьи.
       *[other] По запросу { $what } найдено { $count } статей.
    }
search-status-words = «{ $words }»
search-status-words-filters = { $words }, фильтры: { $filters }
search-status-failed = Не удалось загрузить поисковый индекс ({ $error }). Попробуйте позже.
search-pdf-page = { $page } в PDF

## Page not found (404.html)

not-found-lead = К сожалению, по этому адресу ничего нет. Возможно, страница переехала или в ссылке опечатка.
not-found-try = Попробуйте начать отсюда:
not-found-home = <a href="{ $home }">Главная страница</a> с последним номером
not-found-archive = <a href="{ $archive }">Архив</a> всех номеров по годам
not-found-contact = Если вы пришли сюда по ссылке с другого сайта или считаете, что эта страница должна существовать, напишите нам: <a href="mailto:{ $email }">{ $email }</a>.

## Переключатель языка
language-name = Русский
language-switch-label = Язык
article-original-only = Название и аннотация приводятся на языке оригинала.
page-original-only = { $original ->
    [ru] Эта страница есть только на русском языке.
    [en] Эта страница есть только на английском языке.
   *[other] Страница приводится на языке оригинала.
}

## The statistics page (statistics.html)
stats-title = Статистика архива
archive-statistics-link = Архив в цифрах: статистика и диаграммы
stats-lead = С { $first } по { $last } год { $n ->
    [one] вышла { $n } статья.
    [few] вышли { $n } статьи.
   *[other] вышло { $n } статей.
}
stats-lead-one-year = В { $year } году { $n ->
    [one] вышла { $n } статья.
    [few] вышли { $n } статьи.
   *[other] вышло { $n } статей.
}
stats-lead-note = Если не сказано иное, цифры — число статей: статья, в которой названы несколько стран, регионов или ключевых слов, учтена у каждого из них.
stats-number = { $n }
stats-table = Таблица с теми же цифрами
stats-col-articles = Статей
stats-col-total = Всего
stats-col-year = Год
stats-col-section = Раздел
stats-col-country = Страна
stats-col-region = Регион
stats-col-keyword = Ключевое слово
stats-no-section = Вне разделов
stats-other-countries = { $n ->
    [one] ещё { $n } страна
    [few] ещё { $n } страны
   *[other] ещё { $n } стран
}
stats-other-regions = { $n ->
    [one] ещё { $n } регион
    [few] ещё { $n } региона
   *[other] ещё { $n } регионов
}
stats-years = Статьи по годам
stats-years-summary = Больше всего статей вышло в { $name } году: { $n }.
stats-sections = Статьи по разделам
stats-sections-summary = Больше всего статей в разделе «{ $name }»: { $n }.
stats-countries = Статьи по странам
stats-countries-summary = Больше всего статей о стране «{ $name }»: { $n }.
stats-regions = Статьи по регионам
stats-regions-summary = Больше всего статей о регионе «{ $name }»: { $n }.
stats-keywords = Самые частые ключевые слова
stats-keywords-period-summary = Самое частое ключевое слово — «{ $name }»: { $n } { $n ->
    [one] статья
    [few] статьи
   *[other] статей
}.
stats-col-authors = Авторов
stats-affiliations = Страны мест работы авторов
stats-affiliations-summary = Больше всего авторов работают в стране «{ $name }»: { $n }.
stats-affiliations-note = Каждый автор статьи учтён один раз в каждой стране, где находятся места его работы; места работы без страны не учтены.
stats-col-article = Статья
stats-col-citing = Цитирующих статей
stats-cited = Самые цитируемые статьи внутри архива
stats-cited-summary = Больше всего статей журнала цитируют статью «{ $name }»: { $n }.
stats-cited-note = Подсчитано по спискам литературы, где статья журнала названа по DOI или ссылкой на её страницу: каждая цитирующая статья учтена один раз, ссылки статьи на саму себя не учтены. При равном числе выше стоит более новая статья.
stats-cited-none = Пока ни одна статья журнала не ссылается на другую.
