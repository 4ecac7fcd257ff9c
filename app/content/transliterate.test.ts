import { describe, expect, it } from "vitest";
import { DEFAULT_LATIN_TERMS, stripLatinMarks, toCyrillic } from "./transliterate";

const ALPHABET: [string, string][] = [
  ["a", "а"],
  ["b", "б"],
  ["v", "в"],
  ["g", "г"],
  ["d", "д"],
  ["đ", "ђ"],
  ["e", "е"],
  ["ž", "ж"],
  ["z", "з"],
  ["i", "и"],
  ["j", "ј"],
  ["k", "к"],
  ["l", "л"],
  ["lj", "љ"],
  ["m", "м"],
  ["n", "н"],
  ["nj", "њ"],
  ["o", "о"],
  ["p", "п"],
  ["r", "р"],
  ["s", "с"],
  ["t", "т"],
  ["ć", "ћ"],
  ["u", "у"],
  ["f", "ф"],
  ["h", "х"],
  ["c", "ц"],
  ["č", "ч"],
  ["dž", "џ"],
  ["š", "ш"],
];

describe("letters", () => {
  it.each(ALPHABET)("%s → %s in lower and upper case", (latin, cyrillic) => {
    expect(toCyrillic(`${latin}a`)).toBe(`${cyrillic}а`);
    expect(toCyrillic(`${latin.toUpperCase()}A`)).toBe(`${cyrillic.toUpperCase()}А`);
  });

  it("transliterates the whole alphabet in order", () => {
    const latin = ALPHABET.map(([l]) => l).join("");
    const cyrillic = ALPHABET.map(([, c]) => c).join("");
    expect(toCyrillic(latin)).toBe(cyrillic);
    expect(toCyrillic(latin.toUpperCase())).toBe(cyrillic.toUpperCase());
  });

  it("handles the digraphs in every case", () => {
    expect(toCyrillic("lj Lj LJ nj Nj NJ dž Dž DŽ")).toBe("љ Љ Љ њ Њ Њ џ Џ Џ");
    expect(toCyrillic("Ljubljana LJUBLJANA ljubljana")).toBe("Љубљана ЉУБЉАНА љубљана");
    expect(toCyrillic("Njegoš NJEGOŠ njegoš")).toBe("Његош ЊЕГОШ његош");
    expect(toCyrillic("Džep DŽEP džep")).toBe("Џеп ЏЕП џеп");
  });

  it("accepts the one-character digraphs ǅ ǈ ǋ and friends", () => {
    expect(toCyrillic("ǅak ǄAK ǆak ǈubav ǇUBAV ǉubav ǋiva ǊIVA ǌiva")).toBe("Џак ЏАК џак Љубав ЉУБАВ љубав Њива ЊИВА њива");
  });

  it("normalises decomposed letters first", () => {
    const decomposed = "Z\u030Cena c\u030Cita s\u030Cta c\u0301erka dz\u030Cep".normalize("NFD");
    expect(toCyrillic(decomposed)).toBe("Жена чита шта ћерка џеп");
  });

  it("leaves dj as д + ј, but đ is ђ", () => {
    expect(toCyrillic("Djordje dj DJ Đorđe ĐORĐE")).toBe("Дјордје дј ДЈ Ђорђе ЂОРЂЕ");
  });

  it("leaves digits, punctuation and Cyrillic alone", () => {
    expect(toCyrillic("Član 388, stav 1. (2024); „navodnici” — crtica… већ ћирилица")).toBe("Члан 388, став 1. (2024); „наводници” — цртица… већ ћирилица");
    expect(toCyrillic("")).toBe("");
  });
});

describe("prefix + root exceptions to the digraphs", () => {
  it.each([
    ["nadživeti", "надживети"],
    ["nadživeo", "надживео"],
    ["nadživljavati", "надживљавати"],
    ["nadživeli supružnik", "надживели супружник"],
    ["nadžnjeti", "наджњети"],
    ["nadžupan", "наджупан"],
    ["odžaliti", "оджалити"],
    ["neodžaljen", "неоджаљен"],
    ["odživeti", "одживети"],
    ["odžvakati", "оджвакати"],
    ["podžanr", "поджанр"],
    ["podžupanija", "поджупанија"],
    ["podžariti", "поджарити"],
    ["predžetveni", "преджетвени"],
    ["predželudac", "преджелудац"],
    ["feldžandarm", "фелджандарм"],
    ["injekcija", "инјекција"],
    ["injekciju", "инјекцију"],
    ["injicirati", "инјицирати"],
    ["injunkcija", "инјункција"],
    ["injurija", "инјурија"],
    ["konjunkcija", "конјункција"],
    ["konjunktura", "конјунктура"],
    ["konjugacija", "конјугација"],
    ["nekonjugovan", "неконјугован"],
    ["konjektura", "конјектура"],
    ["vanjezički", "ванјезички"],
    ["anjon", "анјон"],
    ["kenjon", "кенјон"],
  ])("%s → %s", (latin, cyrillic) => {
    expect(toCyrillic(latin)).toBe(cyrillic);
  });

  it("keeps the case of exception words", () => {
    expect(toCyrillic("Nadživeo NADŽIVEO Injekcija INJEKCIJA Podžanr")).toBe("Надживео НАДЖИВЕО Инјекција ИНЈЕКЦИЈА Поджанр");
  });

  it("does not over-apply the stems: these keep џ, њ and љ", () => {
    expect(toCyrillic("nadžak odžak odžačar hodža konj konjušnica Tanjug knjiga")).toBe("наџак оџак оџачар хоџа коњ коњушница Тањуг књига");
    expect(toCyrillic("Odžaliti se ne može, ali podžupan zna: džak, Džudža, nadživeti, ljudi, njiva.")).toBe("Оджалити се не може, али поджупан зна: џак, Џуџа, надживети, људи, њива.");
  });
});

describe("segments that stay Latin", () => {
  it("keeps URLs, without swallowing trailing punctuation", () => {
    expect(toCyrillic("Vidi https://www.coe.int/en/web/anti-human-trafficking.")).toBe("Види https://www.coe.int/en/web/anti-human-trafficking.");
    expect(toCyrillic("(izvor: http://example.org/a?b=c&d=e#f), pa www.mup.gov.rs/stranica!")).toBe("(извор: http://example.org/a?b=c&d=e#f), па www.mup.gov.rs/stranica!");
  });

  it("keeps e-mail addresses", () => {
    expect(toCyrillic("Pišite na podrska.trag@example.org ili info@trag.rs.")).toBe("Пишите на podrska.trag@example.org или info@trag.rs.");
  });

  it("keeps inline code and fenced code blocks", () => {
    expect(toCyrillic("Pokrenite `npm run content:check` i ``a`b`` sada.")).toBe("Покрените `npm run content:check` и ``a`b`` сада.");
    const fenced = "Primer:\n\n```yaml\nid: primer\ntitle: Naslov\n```\n\nKraj.";
    expect(toCyrillic(fenced)).toBe("Пример:\n\n```yaml\nid: primer\ntitle: Naslov\n```\n\nКрај.");
    expect(toCyrillic("Tekst\n~~~\nkod ostaje\n~~~")).toBe("Текст\n~~~\nkod ostaje\n~~~");
    expect(toCyrillic("Nezatvoren blok:\n```\nkod do kraja")).toBe("Незатворен блок:\n```\nkod do kraja");
  });

  it("keeps citation keys as they are and transliterates the locators, which are Serbian words", () => {
    expect(toCyrillic("Prema studiji [@C1; @L14-a, st. 3] i [@SR8-2021].")).toBe("Према студији [@C1; @L14-a, ст. 3] и [@SR8-2021].");
    expect(toCyrillic("Vidi [@L1, čl. 4; @L7-a] i [@L1, čl. 21-23; @Lj2, tač. 1].")).toBe("Види [@L1, чл. 4; @L7-a] и [@L1, чл. 21-23; @Lj2, тач. 1].");
    expect(toCyrillic("Kako navodi @C1, tako je.")).toBe("Како наводи @C1, тако је.");
  });

  it("keeps Markdown link and image targets, transliterating the visible text", () => {
    expect(toCyrillic("Pogledajte [Krivični zakonik](https://www.paragraf.rs/kz.html) ovde.")).toBe("Погледајте [Кривични законик](https://www.paragraf.rs/kz.html) овде.");
    expect(toCyrillic("![Šema vrbovanja](images/vrbovanje.svg)")).toBe("![Шема врбовања](images/vrbovanje.svg)");
    expect(toCyrillic("[stranica](uputstvo/prvi-korak.md)")).toBe("[страница](uputstvo/prvi-korak.md)");
  });

  it("keeps HTML entities and tags", () => {
    expect(toCyrillic("Tom&nbsp;Jerry &amp; &#8211; &#x2014; <strong>jak</strong> <br/>")).toBe("Том&nbsp;Jerry &amp; &#8211; &#x2014; <strong>јак</strong> <br/>");
  });

  it("keeps callout names", () => {
    expect(toCyrillic(":::key-point\nSnaga studije.\n:::\n\n:::case\nSlučaj.\n:::")).toBe(":::key-point\nСнага студије.\n:::\n\n:::case\nСлучај.\n:::");
    expect(toCyrillic(":::in-serbia\nU Srbiji.\n:::")).toBe(":::in-serbia\nУ Србији.\n:::");
  });

  it("keeps i18next nesting", () => {
    expect(toCyrillic("Vidi $t(common.help)")).toBe("Види $t(common.help)");
  });
});

describe("{{…}} marks and placeholders", () => {
  it("keeps a marked term Latin and drops the braces", () => {
    expect(toCyrillic("Nalog na {{Facebook}}u i {{Helga Gayer}} i {{Paolo Campana}}.")).toBe("Налог на Facebookу и Helga Gayer и Paolo Campana.");
    expect(toCyrillic("{{Europol}} i {{GRETA}}")).toBe("Europol и GRETA");
  });

  it("keeps i18next placeholders verbatim in UI strings, braces included", () => {
    const ui = { placeholders: true };
    expect(toCyrillic("Imate {{count}} novih poruka, {{name}}.", ui)).toBe("Имате {{count}} нових порука, {{name}}.");
    expect(toCyrillic("{{userName}} i {{max_attempts}}", ui)).toBe("{{userName}} и {{max_attempts}}");
  });

  it("treats every {{…}} in content as a mark, lower-case foreign words included", () => {
    expect(toCyrillic("tzv. {{grooming}} i {{hunting}}")).toBe("тзв. grooming и hunting");
    expect(stripLatinMarks("tzv. {{grooming}}")).toBe("tzv. grooming");
  });

  it("stripLatinMarks follows the same rule", () => {
    expect(stripLatinMarks("Nalog na {{Facebook}}u, {{count}} poruka, {{Helga Gayer}}.", { placeholders: true })).toBe("Nalog na Facebooku, {{count}} poruka, Helga Gayer.");
    expect(stripLatinMarks("English text with {{Europol}} and {{name}}", { placeholders: true })).toBe("English text with Europol and {{name}}");
    expect(stripLatinMarks("no marks here")).toBe("no marks here");
  });

  it("stripLatinMarks leaves code alone", () => {
    expect(stripLatinMarks("`{{Handlebars}}` i {{Viber}}")).toBe("`{{Handlebars}}` i Viber");
  });
});

describe("Latin terms", () => {
  it("keeps the built-in terms as whole, case-sensitive words", () => {
    for (const term of DEFAULT_LATIN_TERMS) expect(toCyrillic(`Reč ${term} ostaje.`)).toBe(`Реч ${term} остаје.`);
    expect(toCyrillic("GRETA, OSCE, ODIHR, UNODC i EU na Instagramu")).toBe("ГРЕТА, OSCE, ODIHR, UNODC и EU на Инстаграму");
    expect(toCyrillic("GRETA, Evropol i Interpol")).toBe("ГРЕТА, Европол и Интерпол");
    expect(toCyrillic("trag i Trag")).toBe("траг и Trag");
  });

  it("adds options.latinTerms, multi-word terms and longest first", () => {
    const latinTerms = ["Atina", "ASTRA", "UN.GIFT", "GI-TOC", "Paolo Campana", "Paolo"];
    expect(toCyrillic("Atina i ASTRA, UN.GIFT, GI-TOC, Paolo Campana i Paolo.", { latinTerms })).toBe("Atina и ASTRA, UN.GIFT, GI-TOC, Paolo Campana и Paolo.");
    expect(toCyrillic("Atina i Atinom", { latinTerms })).toBe("Atina и Атином");
    expect(toCyrillic("Atina")).toBe("Атина");
    expect(toCyrillic("GI-TOCa", { latinTerms })).toBe("ГИ-ТОЦа");
  });

  it("keeps words with q, w, x or y and other non-Serbian letters", () => {
    expect(toCyrillic("Sykiotou, Gayer, Wikipedia, quiz, Xbox, Müller i Curaçao su stranci.")).toBe("Sykiotou, Gayer, Wikipedia, quiz, Xbox, Müller и Curaçao су странци.");
    expect(toCyrillic("WWW, QR i XYZ ali SRBIJA i MUP")).toBe("WWW, QR и XYZ али СРБИЈА и МУП");
  });

  it("keeps mixed-case brand names", () => {
    expect(toCyrillic("iPhone, PayPal i McDonald")).toBe("iPhone, PayPal и McDonald");
  });
});

describe("Roman numerals", () => {
  it("keeps standalone upper-case numerals", () => {
    expect(toCyrillic("Glava II, III, IV, XIV i XXI, član VIII")).toBe("Глава II, III, IV, XIV и XXI, члан VIII");
    expect(toCyrillic("Deo V Zakonika")).toBe("Део V Законика");
  });

  it("keeps lower-case numerals only in enumerations", () => {
    expect(toCyrillic("tačka (ii) i (iv) podtačka (i)")).toBe("тачка (ii) и (iv) подтачка (i)");
    expect(toCyrillic("vi i mi")).toBe("ви и ми");
  });

  it("treats a lone I as the conjunction and V. as an initial", () => {
    expect(toCyrillic("I tada je V. Petrović rekao")).toBe("И тада је В. Петровић рекао");
  });

  it("does not treat longer words made of numeral letters as numerals", () => {
    expect(toCyrillic("DIM i CIVIL")).toBe("ДИМ и ЦИВИЛ");
  });
});

describe("realistic legal text", () => {
  it.each([
    ["Krivični zakonik Republike Srbije", "Кривични законик Републике Србије"],
    ["Centar za zaštitu žrtava trgovine ljudima", "Центар за заштиту жртава трговине људима"],
    ["Džon je nadživeo svoju suprugu.", "Џон је надживео своју супругу."],
    ["Ljubljana", "Љубљана"],
    ["NJEGOŠ", "ЊЕГОШ"],
    ["SRBIJA", "СРБИЈА"],
    [
      "Ko vrbuje, prevozi, prebacuje, predaje, prodaje, kupuje, posreduje u prodaji, sakriva ili drži drugo lice…",
      "Ко врбује, превози, пребацује, предаје, продаје, купује, посредује у продаји, сакрива или држи друго лице…",
    ],
    ["Žrtva je vrbovana putem Instagrama, a zatim je preko WhatsAppa i Vibera dobijala uputstva.", "Жртва је врбована путем Инстаграма, а затим је преко WhatsAppa и Вибера добијала упутства."],
    ["Đak je nađen u Beogradu; džeparac mu je oduzet, a njegovi dokumenti zadržani.", "Ђак је нађен у Београду; џепарац му је одузет, а његови документи задржани."],
  ])("%s", (latin, cyrillic) => {
    expect(toCyrillic(latin)).toBe(cyrillic);
  });

  it("handles a lesson paragraph with every kind of protected segment", () => {
    const latin = [
      "## Uvod",
      "",
      "Prema ODIHR [@C1, str. 12], {{Europol}} i OSCE (https://www.osce.org/cthb) trgovci ljudima koriste",
      "društvene mreže poput {{Facebook}}a i TikToka. Pišite na `podrska@trag.rs` ili kontakt@trag.rs;",
      "vidi [Zakonik](https://www.paragraf.rs) i član IV.",
      "",
      ":::key-point",
      "Odgovor je nadživeo sumnju.",
      ":::",
    ].join("\n");
    const cyrillic = [
      "## Увод",
      "",
      "Према ODIHR [@C1, стр. 12], Europol и OSCE (https://www.osce.org/cthb) трговци људима користе",
      "друштвене мреже попут Facebookа и TikToka. Пишите на `podrska@trag.rs` или kontakt@trag.rs;",
      "види [Законик](https://www.paragraf.rs) и члан IV.",
      "",
      ":::key-point",
      "Одговор је надживео сумњу.",
      ":::",
    ].join("\n");
    expect(toCyrillic(latin)).toBe(cyrillic);
  });
});
