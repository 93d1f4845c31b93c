//! Writes laid-out pages as PDF bytes: one Type 0 (CID) font per face used, each embedded as
//! a subset CFF program with a ToUnicode map so text can be searched and copied.

use super::fonts::{font_data, postscript_name, resource_name, subset_tag};
use super::page::{cols_width, Face, Geometry, Page, FONT_SIZE};
use super::PdfError;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::{BTreeMap, BTreeSet};
use ttf_parser::{GlyphId, RawFace, Tag};

/// Distance from the top of a 12 pt line box to the baseline.
const BASELINE: f32 = 9.0;

/// A face as used by the document: which characters map to which subset glyph ids.
struct UsedFace {
    face: Face,
    /// Character → glyph id in the subset (also the CID).
    cids: BTreeMap<char, u16>,
}

/// Writes the pages. `title` goes into the document information dictionary.
pub fn write_pdf(pages: &[Page], geo: &Geometry, title: &str) -> Result<Vec<u8>, PdfError> {
    let mut chars: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for span in pages.iter().flat_map(|p| &p.lines).flat_map(|l| &l.spans) {
        chars
            .entry(span.face)
            .or_default()
            .extend(span.text.chars());
    }
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let mut used = Vec::new();
    let mut font_refs = Vec::new();
    for (face, set) in &chars {
        let font_ref = alloc();
        used.push(embed_face(&mut pdf, *face, set, font_ref, &mut alloc)?);
        font_refs.push((*face, font_ref));
    }
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("Greenlight"));
    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut p = pdf.page(*page_ref);
        p.media_box(Rect::new(0.0, 0.0, geo.width, geo.height))
            .parent(tree)
            .contents(*content_ref);
        let mut res = p.resources();
        let mut fonts = res.fonts();
        for (face, r) in &font_refs {
            fonts.pair(Name(resource_name(*face)), *r);
        }
        fonts.finish();
        res.finish();
        p.finish();
        let content = page_content(page, geo, &used);
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&content, 6);
        pdf.stream(*content_ref, &compressed)
            .filter(Filter::FlateDecode);
    }
    Ok(pdf.finish())
}

fn page_content(page: &Page, geo: &Geometry, used: &[UsedFace]) -> Vec<u8> {
    let mut c = Content::new();
    let mut underlines = Vec::new();
    c.begin_text();
    let mut current: Option<Face> = None;
    let (mut px, mut py) = (0.0f32, 0.0f32);
    for line in &page.lines {
        let mut x = line.x;
        let y = geo.height - line.y - BASELINE;
        for span in &line.spans {
            let n = span.text.chars().count();
            let Some(u) = used.iter().find(|u| u.face == span.face) else {
                continue;
            };
            if current != Some(span.face) {
                c.set_font(Name(resource_name(span.face)), FONT_SIZE);
                current = Some(span.face);
            }
            c.next_line(x - px, y - py);
            (px, py) = (x, y);
            let mut bytes = Vec::with_capacity(n * 2);
            for ch in span.text.chars() {
                let cid = u.cids.get(&ch).copied().unwrap_or(0);
                bytes.extend_from_slice(&cid.to_be_bytes());
            }
            c.show(Str(&bytes));
            let w = cols_width(n);
            if span.underline {
                underlines.push((x, y, w));
            }
            x += w;
        }
    }
    c.end_text();
    if !underlines.is_empty() {
        c.set_line_width(0.6);
        for (x, y, w) in underlines {
            c.move_to(x, y - 1.8);
            c.line_to(x + w, y - 1.8);
        }
        c.stroke();
    }
    c.finish().to_vec()
}

fn embed_face(
    pdf: &mut Pdf,
    face: Face,
    set: &BTreeSet<char>,
    type0: Ref,
    alloc: &mut impl FnMut() -> Ref,
) -> Result<UsedFace, PdfError> {
    let data = font_data(face);
    let ttf = ttf_parser::Face::parse(data, 0).map_err(|e| PdfError::Font(e.to_string()))?;
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut old_of_new: BTreeMap<u16, u16> = BTreeMap::new();
    let mut cids = BTreeMap::new();
    for &ch in set {
        // Characters the font lacks print as its .notdef glyph.
        let old = ttf.glyph_index(ch).unwrap_or(GlyphId(0)).0;
        let new = remapper.remap(old);
        old_of_new.insert(new, old);
        cids.insert(ch, new);
    }
    let sub = subsetter::subset(data, 0, &remapper).map_err(|e| PdfError::Font(e.to_string()))?;
    let raw = RawFace::parse(&sub, 0).map_err(|e| PdfError::Font(e.to_string()))?;
    let cff = raw
        .table(Tag::from_bytes(b"CFF "))
        .ok_or_else(|| PdfError::Font("subset font has no CFF table".into()))?;
    let cid_ref = alloc();
    let descriptor = alloc();
    let file = alloc();
    let cmap_ref = alloc();
    let base = format!("{}+{}", subset_tag(face), postscript_name(face));
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);
    let scale = 1000.0 / f32::from(ttf.units_per_em().max(1));
    let advance = |old: u16| f32::from(ttf.glyph_hor_advance(GlyphId(old)).unwrap_or(0)) * scale;
    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(CidFontType::Type0)
        .base_font(Name(base.as_bytes()))
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(600.0);
    let mut widths = cid.widths();
    for (new, old) in &old_of_new {
        widths.consecutive(*new, [advance(*old)]);
    }
    widths.finish();
    cid.finish();
    let bbox = ttf.global_bounding_box();
    let s = |v: i16| f32::from(v) * scale;
    let mut flags = FontFlags::FIXED_PITCH | FontFlags::SERIF | FontFlags::SYMBOLIC;
    if matches!(face, Face::Italic | Face::BoldItalic) {
        flags |= FontFlags::ITALIC;
    }
    pdf.font_descriptor(descriptor)
        .name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            s(bbox.x_min),
            s(bbox.y_min),
            s(bbox.x_max),
            s(bbox.y_max),
        ))
        .italic_angle(ttf.italic_angle())
        .ascent(s(ttf.ascender()))
        .descent(s(ttf.descender()))
        .cap_height(s(ttf.capital_height().unwrap_or(ttf.ascender())))
        .stem_v(if matches!(face, Face::Bold | Face::BoldItalic) {
            120.0
        } else {
            80.0
        })
        .font_file3(file);
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(cff, 6);
    pdf.stream(file, &compressed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
    for (ch, new) in &cids {
        cmap.pair(*new, *ch);
    }
    pdf.cmap(cmap_ref, &cmap.finish());
    Ok(UsedFace { face, cids })
}
