# Independent oracle for the model page golden files: derives the expected
# seed.{csv,md,json,changelog.md} from the page text with Python alone (no
# tablog code). Its output was then reviewed line by line against the page.
# Re-run only when the format changes on purpose, and review the diff.
import re, json
# Run from the repository root.
path='input/cloud-backup-for-azure.md'
lines=open(path,encoding='utf-8').read().split('\n')
months="January February March April May June July August September October November December".split()
def esc(t): return t.replace('&','&amp;').replace('<','&lt;').replace('>','&gt;').replace('"','&quot;').replace("'",'&#39;')
def cell(f,h,t,sort):
    c=dict(field=f,header=h,text=t,html=esc(t))
    if sort: c['sort']=sort
    return c
rows=[]
for n,l in enumerate(lines,1):
    if not (l.startswith('| Microsoft') or l.startswith('| Office')): continue
    api,perm,typ,purp,date=[c.strip() for c in l.strip().strip('|').split('|')]
    m=re.match(r'^(\S+?)\s*(?:\((preview)\))?\s*\((.*)\)$',perm)
    name,qual,disp=m.group(1),m.group(2),m.group(3)
    iso=label=None; y=mo=0
    if date:
        mname,ys=date.split(); y=int(ys); mo=months.index(mname)+1
        iso='%d-%02d'%(y,mo); label=date
    shown=name+(' (%s)'%qual if qual else '')+' (%s)'%disp
    rows.append(dict(line=n,api=api,permission=name,display_name=disp,qualifier=qual,type=typ,purpose=purp,
        last_update=iso,last_update_text=date or None,
        type_text=None,type_qualifier=None,higher_privileged=None,supported=True,
        last_update_label=label,label=name,section=None,
        # a date cell shows the page's own text (here already "December 2023")
        cells=[cell(f,h,t,iso if f=='last_update' else None) for f,h,t in zip(['api','permission','type','purpose','last_update'],['API','Permission','Type','Purpose','Last update'],[api,shown,typ,purp,date or ''])],_key=(y,mo)))
# markdown
md=['| API | Permission | Type | Purpose | Last update |','|---|---|---|---|---|']
for r in rows:
    c=[x['text'] for x in r['cells']]; md.append('| '+' | '.join(c[:4])+(' | '+c[4]+' |' if c[4] else ' | |'))
open('tests/golden/seed.md','w').write('\n'.join(md)+'\n')
# changelog grouping: newest first, undated last, page order inside
keys=sorted({r['_key'] for r in rows if r['_key']!=(0,0)},reverse=True)
groups=[]
for k in keys+[(0,0)]:
    ents=[r for r in rows if r['_key']==k]
    m=None if k==(0,0) else '%d-%02d'%k
    groups.append(dict(month=m, label='Undated' if k==(0,0) else '%s %d'%(months[k[1]-1],k[0]), count=len(ents),
        changes='%d change%s'%(len(ents),'' if len(ents)==1 else 's'),
        updated=None if m is None else m+'-01T00:00:00Z',
        id=None if m is None else 'tag:tablog.invalid,2024:cloud-backup-for-azure/'+m, entries=ents))
cl=['# Changelog: Cloud Backup for Azure']
for g in groups:
    cl.append(''); cl.append('## '+g['label']); cl.append('')
    for r in g['entries']:
        s='- `%s`'%r['permission']
        if r['qualifier']: s+=' (%s)'%r['qualifier']
        s+=' (%s, %s): %s'%(r['type'],r['api'],r['display_name'])
        cl.append(s)
open('tests/golden/seed.changelog.md','w').write('\n'.join(cl)+'\n')
def strip(r): return {k:v for k,v in r.items() if not k.startswith('_')}
bc=[s.strip() for s in lines[0].split('>')]
doc={'generator':{'name':'tablog','version':'0.1.0'},
 'page':{'title':'Cloud Backup for Azure','slug':'cloud-backup-for-azure','source':path,'url':None,'breadcrumb':bc,
   'intro':[lines[1][len('Export to PDF'):],lines[2]],'notes':[]},
 'tables':[{'line':4,'section':None,'headings':[],'caption':None,'notes':[],'columns':[{'field':f,'header':h} for f,h in zip(['api','permission','type','purpose','last_update'],['API','Permission','Type','Purpose','Last update'])],
   'rows':[strip(r) for r in rows]}],
 'changelog':[dict(g,entries=[dict(strip(r),table={'index':0,'section':None,'headings':[],'caption':None}) for r in g['entries']]) for g in groups],
 'links':{'index':None,'changelog':'changelog.html','csv':'table.csv','json':'table.json','md':'table.md'},
 'feed':{'id':'tag:tablog.invalid,2024:cloud-backup-for-azure','link':'changelog.html','updated':'2025-04-01T00:00:00Z'}}
open('tests/golden/seed.json','w').write(json.dumps(doc,indent=2,ensure_ascii=False)+'\n')
print(len(groups), [g['count'] for g in groups])
# feed.xml: one entry per dated month, newest first (the Undated group has no date)
def x(t): return esc(t)
base='tag:tablog.invalid,2024:cloud-backup-for-azure'
f=['<?xml version="1.0" encoding="utf-8"?>','<feed xmlns="http://www.w3.org/2005/Atom">',
   '<id>%s</id>'%base,'<title>Cloud Backup for Azure: changes</title>',
   '<updated>2025-04-01T00:00:00Z</updated>',
   '<link rel="alternate" type="text/html" href="changelog.html"/>',
   '<author><name>tablog</name></author>','<generator version="0.1.0">tablog</generator>']
for g in groups:
    if g['month'] is None: continue
    f+=['<entry>','<id>%s/%s</id>'%(base,g['month']),'<title>%s: %s</title>'%(g['label'],g['changes']),
        '<updated>%s</updated>'%g['updated'],
        '<link rel="alternate" type="text/html" href="changelog.html#%s"/>'%g['month'],
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><ul>']
    for r in g['entries']:
        q=' (%s)'%x(r['qualifier']) if r['qualifier'] else ''
        f.append('<li><code>%s</code>%s (%s, %s): %s</li>'%(x(r['permission']),q,x(r['type']),x(r['api']),x(r['display_name'])))
    f+=['</ul></div></content>','</entry>']
f.append('</feed>')
open('tests/golden/seed.feed.xml','w').write('\n'.join(f)+'\n')
