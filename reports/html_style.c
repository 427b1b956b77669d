/*
 * html_style.c — the HTML page's colours, checked for contrast (WCAG 2.1:
 * 4.5:1 for text), and its one stylesheet: screen (reflowing down to 320
 * CSS pixels) and print (US Letter, a section per page, rows and figures
 * kept whole).
 */
#include "html_internal.h"

#include "theme.h"

/* The contrast rules are the theme's (one function for every renderer);
 * these wrappers only convert the model's colour type. */
static canvas_rgb to_canvas(doc_rgb c)
{
    return (canvas_rgb){c.r, c.g, c.b};
}

static doc_rgb to_doc(canvas_rgb c)
{
    return (doc_rgb){c.r, c.g, c.b};
}

double html_contrast(doc_rgb a, doc_rgb b)
{
    return theme_contrast(to_canvas(a), to_canvas(b));
}

doc_rgb html_darken_for(doc_rgb c, doc_rgb bg, double ratio)
{
    /* a margin over the ratio: the page writes colours as whole bytes */
    return to_doc(theme_darken(to_canvas(c), to_canvas(bg), ratio + 0.05));
}

doc_rgb html_ink_on(doc_rgb bg)
{
    return to_doc(theme_text_on(to_canvas(bg)));
}

static doc_rgb mix(doc_rgb c, double white_share)
{
    return (doc_rgb){c.r + (1 - c.r) * white_share, c.g + (1 - c.g) * white_share,
                     c.b + (1 - c.b) * white_share};
}

void html_colours_init(html_colours *c, const doc_brand *brand)
{
    c->primary = brand->primary;
    c->accent = brand->accent;
    c->tint = mix(brand->primary, 0.88);
    c->wash = mix(brand->primary, 0.955);
    /* headings and links also sit on the tinted rows and notes */
    c->head = html_darken_for(brand->primary, c->tint, 4.5);
    c->on_band = html_ink_on(brand->primary);
    /* the band's quieter lines: part way to the band colour, while they still read */
    c->band_dim = c->on_band;
    for (double s = 0.3; s > 0; s -= 0.05) {
        doc_rgb on = c->on_band, p = brand->primary;
        doc_rgb d = {on.r + (p.r - on.r) * s, on.g + (p.g - on.g) * s, on.b + (p.b - on.b) * s};
        if (html_contrast(d, p) >= 4.6) {
            c->band_dim = d;
            break;
        }
    }
}

static int byte(double v)
{
    return v <= 0 ? 0 : v >= 1 ? 255 : (int)(v * 255 + 0.5);
}

void html_hex(xmlbuf *b, doc_rgb c)
{
    xb_printf(b, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
}

/* The stylesheet: custom properties carry the brand's colours, so the
 * rules themselves are fixed text. */
static const char *const css[] = {
    "*,*::before,*::after{box-sizing:border-box}\n",
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n",
    "body{margin:0;background:#fff;color:#1d1d1f;font:1rem/1.55 system-ui,-apple-system,"
    "\"Segoe UI\",Roboto,\"DejaVu Sans\",\"Helvetica Neue\",Arial,sans-serif;"
    "overflow-wrap:break-word}\n",
    ".skip{position:absolute;left:.5rem;top:-10rem;z-index:10;padding:.6rem 1rem;"
    "background:#fff;color:var(--head);font-weight:700;border:2px solid var(--head)}\n",
    ".skip:focus{top:.5rem}\n",
    "a{color:var(--head)}\n",
    "a:focus-visible,.scroll:focus-visible{outline:3px solid var(--head);outline-offset:2px}\n",
    ".wrap{max-width:62rem;margin:0 auto;padding:0 1.25rem}\n",
    /* the cover */
    ".cover{background:var(--primary);color:var(--on-band);border-bottom:.35rem solid "
    "var(--accent)}\n",
    ".cover .wrap{padding-top:1.5rem;padding-bottom:2.25rem}\n",
    ".brandline{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;"
    "justify-content:space-between;margin-bottom:2.5rem}\n",
    ".logo{background:#fff;padding:.4rem .6rem;border-radius:.25rem;line-height:0}\n",
    ".logo img{max-height:3.5rem;max-width:10rem;width:auto;height:auto}\n",
    ".org{font-weight:700;font-size:.95rem}\n",
    ".kicker{margin:0 0 .4rem;font-weight:700;letter-spacing:.02em;color:var(--band-dim)}\n",
    ".cover h1{margin:0;font-size:clamp(2rem,7vw,3.4rem);line-height:1.1;letter-spacing:-.01em}\n",
    ".subtitle{margin:.6rem 0 0;font-size:1.25rem;color:var(--band-dim)}\n",
    ".edition{margin:.9rem 0 0;font-weight:700}\n",
    ".meta{background:var(--wash);border-bottom:1px solid #d8d8de}\n",
    ".meta .wrap{display:flex;flex-wrap:wrap;gap:.5rem "
    "2.5rem;padding-top:1rem;padding-bottom:1rem}\n",
    ".meta dl{margin:0;display:contents}\n",
    ".meta div{min-width:9rem}\n",
    ".meta dt{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;"
    "color:#4a4a55}\n",
    ".meta dd{margin:0}\n",
    /* contents */
    "nav.toc{margin:2rem 0;padding:1rem 1.25rem;border:1px solid #d8d8de;border-radius:.4rem}\n",
    "nav.toc h2{margin:0 0 .5rem;font-size:1.1rem;border:0;padding:0}\n",
    "nav.toc ol{margin:0;padding-left:1.4rem}\n",
    "nav.toc ol ol{list-style:lower-alpha;font-size:.95rem}\n",
    "nav.toc li{margin:.15rem 0}\n",
    /* headings and text */
    "main h2,main h3,main h4,main h5,main h6{color:var(--head);line-height:1.25}\n",
    "main h2{font-size:1.75rem;margin:3rem 0 1rem;padding-bottom:.35rem;"
    "border-bottom:2px solid var(--primary)}\n",
    "main h3{font-size:1.3rem;margin:2rem 0 .6rem}\n",
    "main h4{font-size:1.08rem;margin:1.5rem 0 .4rem}\n",
    "main h5,main h6{font-size:1rem;margin:1.2rem 0 .3rem}\n",
    "p{margin:.6rem 0;max-width:44rem}\n",
    ".lead{font-size:1.15rem;color:#2b2b30}\n",
    ".small{font-size:.88rem;color:#45454d}\n",
    ".note{background:var(--wash);border-left:.3rem solid var(--primary);padding:.6rem .9rem;"
    "max-width:none}\n",
    "ul.bullets{padding-left:1.3rem;max-width:44rem}\n",
    "ul.bullets li{margin:.25rem 0}\n",
    /* key figures */
    "dl.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,8.5rem),1fr));"
    "gap:.75rem;"
    "margin:1.25rem 0}\n",
    "dl.figures div{display:flex;flex-direction:column;border:1px solid #d8d8de;"
    "border-top:.3rem solid var(--band,var(--primary));border-radius:.35rem;padding:.75rem "
    ".9rem}\n",
    "dl.figures dt{order:2;font-weight:700;font-size:.92rem}\n",
    "dl.figures dd{margin:0}\n",
    "dl.figures .value{order:1;font-size:2rem;font-weight:700;line-height:1.15;"
    "color:var(--head);font-variant-numeric:tabular-nums}\n",
    "dl.figures .detail{order:3;font-size:.85rem;color:#45454d}\n",
    /* tables */
    ".scroll{overflow-x:auto;margin:1rem 0 1.5rem;max-width:100%}\n",
    "table{border-collapse:collapse;width:100%;font-size:.92rem;font-variant-numeric:tabular-nums}"
    "\n",
    "caption{caption-side:top;text-align:left;font-weight:700;padding:0 0 .4rem;color:#1d1d1f}\n",
    "th,td{padding:.45rem .6rem;border-bottom:1px solid "
    "#d8d8de;vertical-align:top;text-align:left}\n",
    "thead th{background:var(--tint);border-bottom:2px solid var(--primary);font-size:.85rem}\n",
    "tbody th{font-weight:400}\n",
    "th.num,td.num{text-align:right;white-space:nowrap}\n",
    "th.mid,td.mid{text-align:center}\n",
    "tbody tr:nth-child(even) td,tbody tr:nth-child(even) th{background-color:var(--wash)}\n",
    "td.fill,th.fill{font-weight:700}\n",
    /* a group of rows: its name over them, like a heading */
    "tbody tr.group th{font-weight:700;color:var(--head);background:#fff;padding-top:1rem;"
    "border-bottom:2px solid #d8d8de}\n",
    /* cards */
    ".card{border:1px solid #d8d8de;border-left:.35rem solid var(--edge,var(--primary));"
    "border-radius:.35rem;padding:.8rem 1rem;margin:1rem 0;background:#fff}\n",
    ".card>h3,.card>h4,.card>h5,.card>h6{margin:0;color:#1d1d1f;font-size:1rem}\n",
    ".badge{display:inline-block;margin:.35rem 0 0;padding:.1rem .55rem;border-radius:1rem;"
    "background:var(--wash);border:1px solid #c8c8d0;font-size:.85rem}\n",
    ".card dl{margin:.5rem 0 0}\n",
    ".card dt{font-size:.78rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em;"
    "color:#4a4a55;margin-top:.5rem}\n",
    ".card dd{margin:.1rem 0 0}\n",
    /* charts */
    "figure.chart{margin:1.5rem 0;display:flex;flex-wrap:wrap;gap:1rem "
    "2rem;align-items:flex-start}\n",
    "figure.chart svg{flex:1 1 28rem;width:100%;height:auto;max-width:var(--w)}\n",
    "figure.chart figcaption{order:3;flex:1 1 "
    "100%;font-size:.9rem;color:#45454d;max-width:44rem}\n",
    "figure.chart .scroll{flex:1 1 17rem;margin:0;max-width:34rem}\n",
    "figure.chart table{font-size:.85rem}\n",
    "footer{margin-top:3rem;border-top:1px solid #d8d8de;background:var(--wash)}\n",
    "footer .wrap{padding-top:1.25rem;padding-bottom:2rem;font-size:.9rem}\n",
    "footer p{margin:.3rem 0}\n",
    "@media (max-width:40rem){body{font-size:.97rem}.wrap{padding:0 .9rem}"
    "main h2{font-size:1.45rem}.cover .wrap{padding-top:1rem}.brandline{margin-bottom:1.5rem}"
    "dl.figures .value{font-size:1.6rem}dl.figures div{padding:.6rem .7rem}}\n",
    /* print: the cover alone on the first page, a section per page */
    "@media print{@page{size:letter;margin:16mm 15mm 18mm}\n",
    "body{font-size:10.5pt}\n",
    ".skip{display:none}\n",
    ".cover,.meta,thead th,.note,dl.figures div,.card{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n",
    ".meta{break-after:page}\n",
    "nav.toc{break-after:page;border:0}\n",
    "main h2{break-before:page;margin-top:0}\n",
    "h2,h3,h4,h5,h6,caption{break-after:avoid}\n",
    "tr,figure,.card,dl.figures div,.note{break-inside:avoid}\n",
    "tr.group{break-after:avoid}\n",
    "thead{display:table-header-group}\n",
    ".scroll{overflow:visible}\n",
    "figure.chart svg{max-width:34rem}\n",
    "a{color:inherit}\n",
    ".cover .wrap{padding-top:5rem;padding-bottom:5rem}\n",
    "footer{background:none}}\n",
};

void html_style(html_ctx *x)
{
    xmlbuf *b = &x->out;
    const html_colours *c = &x->col;
    xb_puts(b, "<style>\n:root{--primary:");
    html_hex(b, c->primary);
    xb_puts(b, ";--head:");
    html_hex(b, c->head);
    xb_puts(b, ";--on-band:");
    html_hex(b, c->on_band);
    xb_puts(b, ";--band-dim:");
    html_hex(b, c->band_dim);
    xb_puts(b, ";--accent:");
    html_hex(b, c->accent);
    xb_puts(b, ";--tint:");
    html_hex(b, c->tint);
    xb_puts(b, ";--wash:");
    html_hex(b, c->wash);
    xb_puts(b, "}\n");
    for (size_t i = 0; i < sizeof css / sizeof *css; i++)
        xb_puts(b, css[i]);
    xb_puts(b, "</style>\n");
}
