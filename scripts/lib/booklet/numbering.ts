/**
 * The space between a number and the title it heads (a table's "4．", a glossary entry's "（一）",
 * a table number "表1"): none after a number that ends in full-width punctuation, whose glyph
 * already holds the space (the originals print "4．2025年预算…", "（一）财政拨款收入", "一、收入支出决算总表"),
 * one after any other ("1. 2025年…", "表1 收支总表").
 */
export function numberSpace(number: string): string {
  return /[\u3000-\u303f\uff00-\uffef]$/u.test(number) ? '' : ' ';
}

/** A title with its number in front, if it has one, spaced as numberSpace says. */
export function numbered(number: string | undefined, title: string): string {
  return number ? `${number}${numberSpace(number)}${title}` : title;
}
