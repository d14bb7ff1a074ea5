/** Word lists the seed picks from (deterministically), "|"-separated to stay compact. Pure data. */

const list = (words: string) => words.split("|");

export const WORDS: Record<string, string[]> = {
  first_names: list(
    "Ava|Liam|Maya|Noah|Zoe|Ethan|Priya|Lucas|Amara|Mateo|Chloe|Kai|Isla|Omar|Sofia|Leo|Hana|" +
      "Diego|Nia|Felix|Yara|Jonah|Elena|Ravi|Mila|Theo|Aisha|Hugo|Luna|Samir|Grace|Mason|Ines|" +
      "Tariq|Freya|Jin|Camila|Owen|Leila|Arjun|Bianca|Emeka|Sienna|Marco|Naomi|Dev|Ruby|Kofi",
  ),
  last_names: list(
    "Chen|Okafor|Garcia|Patel|Nguyen|Kowalski|Haddad|Silva|Johnson|Kim|Rossi|Ibrahim|Muller|" +
      "Tanaka|Dubois|Mensah|Larsen|Reyes|Novak|Cohen|Singh|Murphy|Costa|Ahmed|Bauer|Lopez|Walsh|" +
      "Sato|Adeyemi|Moreau|Fischer|Khan|Romero|Berg|Osei|Petrov|Yilmaz|Ward|Castillo|Lindqvist",
  ),
  brand_prefixes: list(
    "Northwind|Lumen|Solstice|Harbor|Kindred|Velvet|Copper|Atlas|Juniper|Marlow|Nimbus|Oakline|" +
      "Pioneer|Quill|Riverstone|Saffron|Tidal|Umber|Verve|Wildflower",
  ),
  brand_suffixes: list(
    "Apparel|Beauty|Coffee|Cosmetics|Fitness|Foods|Games|Labs|Outdoors|Skincare|Studios|" +
      "Supply Co|Tech|Travel|Wellness",
  ),
  industries: list("Beauty|Fashion|Food & Drink|Gaming|Tech|Travel|Fitness|Home|Finance"),
  categories: list("Beauty|Fashion|Gaming|Fitness|Food|Travel|Tech|Comedy|Parenting|Music"),
  countries: list("US|US|US|GB|GB|CA|AU|DE|FR|NL|IE|ES"),
  platforms: list("instagram|tiktok|youtube|twitch|x"),
  email_domains: list("gmail.com|icloud.com|outlook.com|proton.me|yahoo.com"),
  deliverable_kinds: list("Instagram Reel|TikTok Video|YouTube Integration|Story Set|Livestream|Blog Post"),
  campaign_kinds: list(
    "Spring Launch|Holiday Push|Always-On|Product Seeding|Back to School|Brand Ambassador",
  ),
  note_bodies: list(
    "Brand asked for a second round of hooks in the first 3 seconds.|" +
      "Talent prefers morning shoots; avoid Fridays.|" +
      "Usage rights extended to 6 months paid social, confirm fee.|" +
      "Legal flagged the disclosure wording, use #ad up front.|" +
      "Invoice chased twice, finance contact changed.|" +
      "Great performance on the last reel, pitch a renewal.|" +
      "Shipping delayed, push the posting date by a week.|" +
      "Exclusivity clause covers competitors in skincare only.",
  ),
  feedback: list(
    "Please lead with the product in the first frame.|" +
      "Music is not cleared for paid usage, swap the track.|Approved with minor caption edits.|" +
      "Colour grade too warm compared with the brand guide.|" +
      "Add the discount code to the on-screen text.",
  ),
  task_titles: list(
    "Draft concept for brand review|Film and edit hero video|Send analytics screenshot|" +
      "Sign contract|Confirm posting date|Upload raw files|Reply to brand feedback|" +
      "Update media kit|Record voice-over|Share story insights",
  ),
  message_bodies: list(
    "Hi! Sending over the brief for next month.|Thanks, looks great, just one small change.|" +
      "Can we move the shoot to Thursday?|Draft attached, let me know what you think.|" +
      "Invoice sent, payment terms are net 30.|The product arrived today!|" +
      "Approved, go ahead and post.|Quick call tomorrow to align on the hook?",
  ),
  captions: list(
    "Morning routine, but make it glow|Tested this for 30 days, here is the truth|" +
      "Packing for a week with one carry-on|Rating every snack in the office|" +
      "The setup that finally fixed my back|GRWM for the launch party|Three recipes, one pan",
  ),
  tag_names: list(
    "vip|new-signing|exclusive|brand-safe|family|gen-z|luxury|budget|uk-market|us-market|" +
      "eu-market|long-form|short-form|podcast|streamer|athlete|chef|travel|beauty|fashion|tech|" +
      "gaming|fitness|wellness|comedy|music|parenting|sustainability|b2b|rising",
  ),
};
